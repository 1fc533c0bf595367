package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * The engine's rotary layout against the one the model's weights expect, when both are given
 * (evidence stage, {@code RotaryLayouts}).
 *
 * @param modelLayout        the layout the weights expect (wire name)
 * @param runtimeLayout      the layout the engine applies
 * @param rotaryDims         rotated dimensions per head
 * @param misroutedDims      rotated dimensions paired with another partner than in training (0: the layouts match)
 * @param wrongFrequencyDims rotated dimensions turning at another frequency than in training
 * @param fastestAngle       the fastest pair's angle per token, radians
 * @param tolerance          the angle error (radians) that counts as wrong ({@code evidence.angle-error-tolerance})
 * @param divergesFrom       the first position at which a misrouted coordinate is moved by more than
 *                           the tolerance (0: the layouts match)
 */
public record RotaryLayoutProfile(
        String build,
        String modelLayout,
        String runtimeLayout,
        int rotaryDims,
        int misroutedDims,
        int wrongFrequencyDims,
        double fastestAngle,
        double tolerance,
        int divergesFrom) implements BuildScoped {}
