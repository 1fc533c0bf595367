package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * Rotary angles computed in a low-precision dtype: the worst angle error over all pairs at the
 * target length and the first position at which it exceeds the tolerated error.
 *
 * @param onset first position (tokens) whose worst angle error exceeds {@code tolerance}; 0 if none up to the target
 */
public record PrecisionProfile(
        String subject,
        String build,
        String dtype,
        double worstErrorAtTarget,
        double tolerance,
        int onset,
        int targetContext) implements BuildScoped {}
