package io.posmortem.model;

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

    /** No scaling: positions beyond the trained window are extrapolated ({@code rope_type: default}). */
    record Default(double base) implements RopeMapping {
        public String method() { return "default"; }
    }

    /** Position interpolation: every frequency divided by {@code factor} ({@code rope_type: linear}). */
    record Linear(double base, double factor) implements RopeMapping {
        public String method() { return "linear"; }
    }

    /**
     * NTK-aware base change: the base becomes {@code base * factor^(d/(d-2))}, so the slowest pair
     * is scaled by exactly {@code factor} and pair 0 not at all.
     */
    record NtkAware(double base, double factor) implements RopeMapping {
        public String method() { return "ntk-aware"; }
    }

    /** An explicit new base, as a config that sets a different {@code rope_theta} does. */
    record NewBase(double base, double newBase) implements RopeMapping {
        public String method() { return "new-base"; }
    }

    /**
     * YaRN (NTK-by-parts with attention temperature) as transformers' {@code rope_type: yarn}.
     *
     * @param originalContext original_max_position_embeddings (the trained window L)
     * @param betaFast        pairs with more turns than this inside L stay unscaled
     * @param betaSlow        pairs with fewer turns than this inside L are fully interpolated
     * @param attentionFactor explicit attention_factor, or {@code null} for {@code 0.1 ln(factor) + 1}
     */
    record Yarn(double base, double factor, int originalContext, double betaFast, double betaSlow,
                Double attentionFactor) implements RopeMapping {
        public String method() { return "yarn"; }
    }
}
