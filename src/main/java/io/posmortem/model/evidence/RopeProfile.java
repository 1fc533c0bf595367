package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * Subject-level RoPE numbers.
 *
 * @param effectiveBase   the base after a base change ({@code ntk-aware}, {@code new-base}), else the trained base
 * @param factor          the mapping's scaling factor (1 when it has none)
 * @param attentionFactor multiplier applied to cos/sin (so q and k each), 1 when the method has none
 * @param localPairs      pairs in the LOCAL band; {@code longRangePairs} likewise
 */
public record RopeProfile(
        String subject,
        String build,
        String method,
        int rotaryDims,
        int pairs,
        double base,
        double effectiveBase,
        double factor,
        double attentionFactor,
        int localPairs,
        int longRangePairs,
        int trainedContext,
        int targetContext) implements BuildScoped {}
