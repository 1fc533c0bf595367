package io.posmortem.model.derived;

import io.posmortem.model.*;

/** The predicted effect of a fix on one observation of the build. */
public record FixCheck(
        String build,
        String fix,
        String observation,
        String capability,
        FixEffect effect) implements BuildScoped {}
