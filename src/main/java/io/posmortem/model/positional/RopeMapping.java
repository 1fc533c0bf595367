package io.posmortem.model.positional;

import java.util.List;

/**
 * A RoPE frequency mapping: how each rotary pair's trained inverse frequency
 * {@code theta_j = base^(-2j/d)} becomes the one used at inference. Each variant names the
 * transformers {@code rope_type} it corresponds to.
 */
public sealed interface RopeMapping extends PositionalSpec {

    /** The base the model was trained with. */
    double base();

    /** Wire name of the method, as used in the knowledge base and output. */
    String method();

    /** The context-extension factor the mapping is configured with, or null for mappings without one. */
    default Double scalingFactor() {
        return null;
    }

    /** No scaling: positions beyond the trained window are extrapolated ({@code rope_type: default}). */
    record Default(double base) implements RopeMapping {
        public String method() { return "default"; }
    }

    /** Position interpolation: every frequency divided by {@code factor} ({@code rope_type: linear}). */
    record Linear(double base, double factor) implements RopeMapping {
        public Double scalingFactor() { return factor; }

        public String method() { return "linear"; }
    }

    /**
     * NTK-aware base change: the base becomes {@code base * factor^(d/(d-2))}, so the slowest pair
     * is scaled by exactly {@code factor} and pair 0 not at all.
     */
    record NtkAware(double base, double factor) implements RopeMapping {
        public Double scalingFactor() { return factor; }

        public String method() { return "ntk-aware"; }
    }

    /** An explicit new base, as a config that sets a different {@code rope_theta} does. */
    record NewBase(double base, double newBase) implements RopeMapping {
        public String method() { return "new-base"; }
    }

    /**
     * Dynamic NTK (transformers {@code rope_type: dynamic}): the base grows with the current
     * sequence length n once n exceeds the original window L,
     * {@code base * (factor n / L - (factor - 1))^(d/(d-2))}; at n <= L the trained frequencies.
     *
     * @param originalContext max_position_embeddings the model was trained with (L)
     */
    record DynamicNtk(double base, double factor, int originalContext) implements RopeMapping {
        public Double scalingFactor() { return factor; }

        public String method() { return "dynamic"; }
    }

    /**
     * YaRN (NTK-by-parts with attention temperature) as transformers' {@code rope_type: yarn}.
     *
     * @param factor          the scaling factor s (interpolated pairs turn 1/s as fast)
     * @param originalContext original_max_position_embeddings (the trained window L)
     * @param betaFast        pairs with more turns than this inside L stay unscaled
     * @param betaSlow        pairs with fewer turns than this inside L are fully interpolated
     * @param attentionFactor explicit attention_factor, or {@code null} to derive it from mscale
     * @param mscale          DeepSeek-style mscale, or {@code null}
     * @param mscaleAllDim    DeepSeek-style mscale_all_dim, or {@code null}
     * @param truncate        round the correction range outward to whole pairs (transformers' default true)
     */
    record Yarn(double base, double factor, int originalContext, double betaFast, double betaSlow,
                Double attentionFactor, Double mscale, Double mscaleAllDim, boolean truncate) implements RopeMapping {
        /** YaRN with the paper's attention temperature and truncated correction range. */
        public Yarn(double base, double factor, int originalContext, double betaFast, double betaSlow, Double attentionFactor) {
            this(base, factor, originalContext, betaFast, betaSlow, attentionFactor, null, null, true);
        }

        public String method() { return "yarn"; }

        public Double scalingFactor() { return factor; }
    }

    /**
     * Llama 3.1 scaling ({@code rope_type: llama3}): pairs with a wavelength below
     * {@code L / highFreqFactor} unscaled, above {@code L / lowFreqFactor} divided by factor, a
     * smooth blend between.
     */
    record Llama3(double base, double factor, double lowFreqFactor, double highFreqFactor, int originalContext)
            implements RopeMapping {
        public Double scalingFactor() { return factor; }

        public String method() { return "llama3"; }
    }

    /**
     * LongRoPE ({@code rope_type: longrope}, Phi-3): per-pair rescale factors, the short list up to
     * the original window and the long list beyond it; frequencies are {@code theta_j / factor_j}.
     *
     * @param factor          the context-extension factor used for the attention factor
     * @param attentionFactor explicit attention_factor, or {@code null} for {@code sqrt(1 + ln s / ln L)}
     */
    record LongRope(double base, List<Double> shortFactor, List<Double> longFactor, double factor,
                    int originalContext, Double attentionFactor) implements RopeMapping {
        public LongRope {
            shortFactor = List.copyOf(shortFactor);
            longFactor = List.copyOf(longFactor);
        }

        public String method() { return "longrope"; }

        public Double scalingFactor() { return factor; }
    }
}
