package io.posmortem.model.input;

import io.posmortem.model.*;
import io.posmortem.model.positional.*;

import java.util.List;
import java.util.Map;

/**
 * A Hugging Face style config.json as read: the positional fields (null when absent), the
 * rope_scaling / rope_parameters block as given, the mapping it selects, and every entry of the
 * block and of the positional top-level keys, for config lint.
 *
 * @param blockKey      {@code rope_scaling} or {@code rope_parameters}, or null without a block
 * @param configured    the mapping the block selects (transformers v5 semantics), or null
 */
public record ModelConfig(
        String source,
        String modelType,
        Encoding encoding,
        Integer headDim,
        Integer heads,
        Integer trainedContext,
        Integer maxPositions,
        Integer originalTopLevel,
        Double ropeBase,
        Double rotaryFraction,
        Integer slidingWindow,
        String blockKey,
        Map<String, Object> ropeScaling,
        RopeMapping configured,
        BucketSpec buckets,
        List<Entry> entries) {

    /** A top-level boolean key among the entries ({@code use_logn_attn}), or null when absent or not a boolean. */
    public Boolean topLevelFlag(String key) {
        return entries.stream().filter(e -> e.section().equals("top") && e.key().equals(key))
                .map(Entry::value).filter(v -> v.equals("true") || v.equals("false")).map(Boolean::valueOf).findFirst().orElse(null);
    }

    /** One key of the config: {@code section} is {@code top} or the block's key. */
    public record Entry(String section, String key, String pointer, String value) {}
}
