package io.posmortem.model.evidence;

import io.posmortem.model.*;
import io.posmortem.model.input.RuntimeSpec;

/**
 * What a build's serving runtime reported about itself, as a fact for the rules; one per build,
 * inserted whether or not the file has a {@code runtime} block. A number or dtype not reported is
 * {@code null}; a yes/no not reported is {@link Tri#UNKNOWN}. Dtypes carry wire names
 * ({@code fp16}, {@code int4}).
 *
 * @param engine                  the engine's name as the file gives it, or null
 * @param reportedBase            the RoPE base the runtime reports using, or null
 * @param reportedFactor          the scaling factor the runtime reports using, or null
 * @param reportedAttentionFactor the attention factor the runtime reports applying, or null
 * @param contextWindow           the runtime's context window, or null
 * @param kvCacheDtype            the runtime's KV-cache dtype, or null
 * @param ropeDtype               the dtype the runtime computes rotary angles in, or null
 * @param slidingWindow           whether the runtime applies the model's sliding window
 * @param prefixCaching           whether the runtime reuses cached keys across requests
 * @param servedMethod            the method of the rope_scaling block the engine ran (wire name), or null
 * @param servedFactor            that block's factor, or null
 * @param ropeFreqScale           llama.cpp's --rope-freq-scale as given, or null
 * @param ntkAlpha                an exllama-style NTK alpha, or null
 * @param scalingApplied          {@code static} or {@code per-length}, or null
 * @param lognAttention           whether logits are scaled by log(n) / log(trained) past the trained length
 * @param weightBits              bits per quantized weight (16: not quantized), or null
 * @param attentionBackend        the attention implementation (wire name), or null
 * @param rotaryLayout            the rotary layout the engine applies ({@code half-split}, {@code interleaved}), or null
 * @param rotaryDims              how many dimensions of each head the engine rotates, or null
 * @param chunkedAttention        whether the engine applies the model's chunked attention on its RoPE layers
 * @param rotatesNopeLayers       whether the engine applies RoPE on the layers the model trained without positions
 */
public record RuntimeReport(
        String build,
        String engine,
        Double reportedBase,
        Double reportedFactor,
        Double reportedAttentionFactor,
        Integer contextWindow,
        String kvCacheDtype,
        String ropeDtype,
        Tri slidingWindow,
        Tri prefixCaching,
        String servedMethod,
        Double servedFactor,
        Double ropeFreqScale,
        Double ntkAlpha,
        String scalingApplied,
        Tri lognAttention,
        Integer weightBits,
        String attentionBackend,
        String rotaryLayout,
        Integer rotaryDims,
        Tri chunkedAttention,
        Tri rotatesNopeLayers) implements BuildScoped {

    /** The runtime block of build {@code build}, with dtypes as wire names. */
    public static RuntimeReport of(String build, RuntimeSpec rt) {
        return new RuntimeReport(build, rt.engine(), rt.reportedBase(), rt.reportedFactor(), rt.reportedAttentionFactor(),
                rt.contextWindow(), wire(rt.kvCacheDtype()), wire(rt.ropeDtype()), rt.slidingWindow(), rt.prefixCaching(),
                rt.servedMapping() == null ? null : rt.servedMapping().method(),
                rt.servedMapping() == null ? null : rt.servedMapping().scalingFactor(), rt.ropeFreqScale(), rt.ntkAlpha(), rt.scalingApplied(),
                rt.lognAttention(), rt.weightBits(), rt.attentionBackend(), rt.rotaryLayout() == null ? null : rt.rotaryLayout().wireName(),
                rt.rotaryDims(), rt.chunkedAttention(), rt.rotatesNopeLayers());
    }

    private static String wire(Dtype dtype) {
        return dtype == null ? null : dtype.wireName();
    }
}
