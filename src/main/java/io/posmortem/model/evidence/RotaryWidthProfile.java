package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * The number of dimensions the engine rotates against the number the model was trained to rotate,
 * when the runtime reports it (evidence stage, {@code RotaryWidths}).
 *
 * @param headDim        dimensions per head
 * @param modelDims      dimensions the model rotates, {@code int(head_dim x rotary_fraction)}
 * @param runtimeDims    dimensions the engine rotates ({@code runtime.rotary_dims})
 * @param layout         the layout the comparison pairs dimensions in (wire name): the model's, else
 *                       the engine's, else half-split (transformers' rotate_half)
 * @param wrongDims      dimensions rotated wrongly: rotated in one width only, with another partner,
 *                       or at another frequency (0: the widths agree)
 * @param rotatedOnly    of those, dimensions one width rotates and the other leaves fixed
 * @param fastestError   the largest angle error a wrongly rotated dimension makes per token, radians
 * @param tolerance      the angle error that counts as wrong ({@code evidence.angle-error-tolerance})
 * @param divergesFrom   the first position whose rotation is off by more than the tolerance (0: none wrong)
 */
public record RotaryWidthProfile(
        String build,
        int headDim,
        int modelDims,
        int runtimeDims,
        String layout,
        int wrongDims,
        int rotatedOnly,
        double fastestError,
        double tolerance,
        int divergesFrom) implements BuildScoped {}
