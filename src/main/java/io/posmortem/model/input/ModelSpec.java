package io.posmortem.model.input;

import io.posmortem.model.*;

import java.util.List;

/**
 * The model as trained, before any retrofit; every field resolved (defaults applied, see
 * {@link SymptomFile#assumptions()}).
 *
 * @param headDim        per-head dimension d
 * @param heads          attention heads per layer
 * @param trainedContext context length L the model was trained on, in tokens
 * @param ropeBase       RoPE base b (rope_theta); meaningful when the encoding is RoPE
 * @param rotaryFraction share of the head dimension that is rotated (partial_rotary_factor)
 * @param slidingWindow  the sliding-window size the model was trained with, or null
 * @param trainedStages  the lengths the model was trained at in turn, shortest first (empty: one stage)
 * @param rotaryLayout   the rotary layout the weights expect, or null when not given
 * @param layers         layers with their own positional scheme, or null when all layers are alike
 * @param lognAttention  whether the model's config asks for log-n attention scaling past the trained
 *                       length (Qwen's {@code use_logn_attn}); {@code UNKNOWN} when no config says
 */
public record ModelSpec(
        String name,
        Encoding encoding,
        int headDim,
        int heads,
        int trainedContext,
        double ropeBase,
        double rotaryFraction,
        Integer slidingWindow,
        List<Integer> trainedStages,
        RotaryLayout rotaryLayout,
        LayerScheme layers,
        Tri lognAttention) {

    /** The longest length the model was trained at: the last of its training stages, else its trained context. */
    public int longestTrained() {
        return trainedStages.isEmpty() ? trainedContext : Math.max(trainedContext, trainedStages.get(trainedStages.size() - 1));
    }

    /** Rotated dimensions, as transformers computes them: {@code int(head_dim * partial_rotary_factor)}. */
    public int rotaryDims() {
        return (int) (headDim * rotaryFraction);
    }
}
