package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * The combined support for one hypothesis of one build (conclusion layer).
 *
 * @param certainty certainty factor in [-1, 1]: {@code (belief - disbelief) / (1 - min(belief, disbelief))}
 * @param belief    measure of belief: positive weights combined by probabilistic sum
 * @param disbelief measure of disbelief: negative weights' magnitudes combined likewise
 */
public record Belief(
        String build,
        String question,
        String hypothesis,
        double certainty,
        double belief,
        double disbelief,
        int supports) implements BuildScoped {}
