package io.posmortem.model.input;

/**
 * What the serving runtime reports about itself; any field may be {@code null} when not given.
 *
 * @param reportedBase   the RoPE base the runtime logs at load
 * @param reportedFactor the scaling factor the runtime logs at load
 * @param contextWindow  the runtime's configured context window, in tokens
 * @param kvCacheDtype   KV-cache element type (fp32, fp16, bf16, fp8, int8, int4)
 * @param ropeDtype      dtype the rotary angles are computed in (fp32, fp16, bf16)
 * @param reportedAttentionFactor the attention factor (YaRN mscale) the runtime logs applying
 * @param prefixCaching  whether the runtime reuses cached keys across requests (prefix caching)
 * @param slidingWindow  whether the runtime applies the model's sliding window (null: not reported)
 */
public record RuntimeSpec(
        String engine,
        String version,
        Double reportedBase,
        Double reportedFactor,
        Integer contextWindow,
        String kvCacheDtype,
        String ropeDtype,
        Double reportedAttentionFactor,
        Boolean slidingWindow,
        Boolean prefixCaching) {

    public static final RuntimeSpec UNSPECIFIED = new RuntimeSpec(null, null, null, null, null, null, null, null, null, null);
}
