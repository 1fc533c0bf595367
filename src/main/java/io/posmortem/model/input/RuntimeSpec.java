package io.posmortem.model.input;

import io.posmortem.model.Dtype;
import io.posmortem.model.RotaryLayout;
import io.posmortem.model.Tri;
import io.posmortem.model.positional.RopeMapping;
import java.util.Map;

/**
 * What the serving runtime reports about itself. A number, dtype or name the file does not give
 * is {@code null}; a yes/no it does not give is {@link Tri#UNKNOWN}.
 *
 * @param reportedBase   the RoPE base the runtime logs at load
 * @param reportedFactor the scaling factor the runtime logs at load (or 1 / {@code rope_freq_scale})
 * @param contextWindow  the runtime's configured context window, in tokens
 * @param kvCacheDtype   KV-cache element type
 * @param ropeDtype      dtype the rotary angles are computed in (fp32, fp16, bf16)
 * @param reportedAttentionFactor the attention factor (YaRN mscale) the runtime logs applying
 * @param slidingWindow  whether the runtime applies the model's sliding window
 * @param prefixCaching  whether the runtime reuses cached keys across requests (prefix caching)
 * @param ropeScaling    the rope_scaling block the engine ran, as given, or null
 * @param servedMapping  that block read as a mapping of the model's base and lengths, or null
 * @param ropeFreqScale  llama.cpp's {@code --rope-freq-scale} as given (the inverse of a factor)
 * @param ntkAlpha       an exllama-style NTK alpha
 * @param scalingApplied {@code static} (every length) or {@code per-length}, or null
 * @param lognAttention  whether logits are scaled by log(n) / log(trained) past the trained length
 * @param weightBits     bits per quantized weight (16: not quantized)
 * @param attentionBackend the attention implementation's wire name
 * @param rotaryLayout   the rotary layout the engine applies
 * @param rotaryDims     how many dimensions of each head the engine rotates (llama.cpp's n_rot), or null
 * @param chunkedAttention whether the engine applies the model's chunked attention on its RoPE layers
 * @param rotatesNopeLayers whether the engine applies RoPE on the layers the model trained without positions
 * @param positions      context shifts, padding, packing, chunked prefill, remapping
 */
public record RuntimeSpec(
        String engine,
        String version,
        Double reportedBase,
        Double reportedFactor,
        Integer contextWindow,
        Dtype kvCacheDtype,
        Dtype ropeDtype,
        Double reportedAttentionFactor,
        Tri slidingWindow,
        Tri prefixCaching,
        Map<String, Object> ropeScaling,
        RopeMapping servedMapping,
        Double ropeFreqScale,
        Double ntkAlpha,
        String scalingApplied,
        Tri lognAttention,
        Integer weightBits,
        String attentionBackend,
        RotaryLayout rotaryLayout,
        Integer rotaryDims,
        Tri chunkedAttention,
        Tri rotatesNopeLayers,
        PositionHandling positions) {

    public static final RuntimeSpec UNSPECIFIED = new RuntimeSpec(null, null, null, null, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN,
            null, null, null, null, null, Tri.UNKNOWN, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN, PositionHandling.UNREPORTED);
}
