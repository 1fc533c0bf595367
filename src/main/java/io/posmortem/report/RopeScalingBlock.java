package io.posmortem.report;

import io.posmortem.model.positional.RopeMapping;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A RoPE mapping as the block to paste into a config.json, in the current transformers format
 * ({@code rope_scaling} / v5 {@code rope_parameters}: {@code rope_type} and its keys). A change of
 * base (NTK-aware or explicit) has no scaling type of its own: it is {@code rope_type: default}
 * with the new {@code rope_theta}.
 */
public final class RopeScalingBlock {
    private RopeScalingBlock() {}

    public static Map<String, Object> of(RopeMapping mapping, double effectiveBase) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (mapping instanceof RopeMapping.Yarn y) {
            m.put("rope_type", "yarn");
            m.put("factor", y.factor());
            m.put("original_max_position_embeddings", y.originalContext());
            m.put("beta_fast", y.betaFast());
            m.put("beta_slow", y.betaSlow());
            if (y.attentionFactor() != null) m.put("attention_factor", y.attentionFactor());
            if (y.mscale() != null) m.put("mscale", y.mscale());
            if (y.mscaleAllDim() != null) m.put("mscale_all_dim", y.mscaleAllDim());
            if (!y.truncate()) m.put("truncate", false);
        } else if (mapping instanceof RopeMapping.Linear l) {
            m.put("rope_type", "linear");
            m.put("factor", l.factor());
        } else if (mapping instanceof RopeMapping.DynamicNtk d) {
            m.put("rope_type", "dynamic");
            m.put("factor", d.factor());
        } else if (mapping instanceof RopeMapping.Llama3 l) {
            m.put("rope_type", "llama3");
            m.put("factor", l.factor());
            m.put("low_freq_factor", l.lowFreqFactor());
            m.put("high_freq_factor", l.highFreqFactor());
            m.put("original_max_position_embeddings", l.originalContext());
        } else if (mapping instanceof RopeMapping.LongRope l) {
            m.put("rope_type", "longrope");
            m.put("factor", l.factor());
            m.put("original_max_position_embeddings", l.originalContext());
            m.put("short_factor", l.shortFactor());
            m.put("long_factor", l.longFactor());
            if (l.attentionFactor() != null) m.put("attention_factor", l.attentionFactor());
        } else if (mapping instanceof RopeMapping.NtkAware || mapping instanceof RopeMapping.NewBase) {
            m.put("rope_type", "default");
            m.put("rope_theta", io.posmortem.model.Numbers.round(effectiveBase));
        } else {
            m.put("rope_type", "default");
        }
        return m;
    }
}
