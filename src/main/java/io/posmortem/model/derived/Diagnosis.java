package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * The conclusion for one question about a build.
 *
 * @param hypothesis the diagnosed hypothesis, or the leading one when the verdict is not DIAGNOSED
 * @param confidence the leading hypothesis's certainty factor
 */
public record Diagnosis(
        String build,
        String question,
        String hypothesis,
        double confidence,
        Verdict verdict) implements BuildScoped {}
