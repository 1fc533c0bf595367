package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * An observation not yet made that would separate two close hypotheses: they predict different
 * outcomes for {@code capability}.
 */
public record Discriminator(
        String build,
        String capability,
        String hypothesis,
        Outcome predicted,
        int predictedFrom,
        String rival,
        Outcome rivalPredicted,
        int rivalFrom) implements BuildScoped {}
