package io.posmortem.model.input;

import io.posmortem.model.Dtype;
import io.posmortem.model.Tri;

/**
 * What the serving runtime reports about itself. A number or dtype the file does not give is
 * {@code null}; a yes/no it does not give is {@link Tri#UNKNOWN}.
 *
 * @param reportedBase   the RoPE base the runtime logs at load
 * @param reportedFactor the scaling factor the runtime logs at load
 * @param contextWindow  the runtime's configured context window, in tokens
 * @param kvCacheDtype   KV-cache element type
 * @param ropeDtype      dtype the rotary angles are computed in (fp32, fp16, bf16)
 * @param reportedAttentionFactor the attention factor (YaRN mscale) the runtime logs applying
 * @param slidingWindow  whether the runtime applies the model's sliding window
 * @param prefixCaching  whether the runtime reuses cached keys across requests (prefix caching)
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
        Tri prefixCaching) {

    public static final RuntimeSpec UNSPECIFIED = new RuntimeSpec(null, null, null, null, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN);
}
