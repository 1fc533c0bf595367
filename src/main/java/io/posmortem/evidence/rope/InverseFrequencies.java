package io.posmortem.evidence.rope;

import io.posmortem.evidence.Domain;
import io.posmortem.model.RopeMapping;

/**
 * RoPE inverse frequencies (radians per token, one per rotary pair, in pair order) and attention
 * factor for each mapping, in float64, following transformers' rope initialisation functions
 * ({@code modeling_rope_utils.py}); each method below names the function it mirrors.
 */
public final class InverseFrequencies {
    private InverseFrequencies() {}

    /**
     * Trained frequencies {@code theta_j = base^(-2j/d)}, j = 0..d/2-1
     * (transformers {@code _compute_default_rope_parameters}: {@code 1 / base ** (arange(0, d, 2) / d)}).
     */
    public static double[] unscaled(int rotaryDims, double base) {
        Domain.rotaryDims("rotary dims", rotaryDims);
        Domain.atLeast("base", base, 1.0 + Math.ulp(1.0));
        double[] inv = new double[rotaryDims / 2];
        for (int j = 0; j < inv.length; j++) {
            inv[j] = 1.0 / Math.pow(base, (2.0 * j) / rotaryDims);
        }
        return inv;
    }

    /** The frequencies used at inference under {@code mapping}. */
    public static double[] of(int rotaryDims, RopeMapping mapping) {
        if (mapping instanceof RopeMapping.Default m) {
            return unscaled(rotaryDims, m.base());
        }
        if (mapping instanceof RopeMapping.Linear m) {
            // _compute_linear_scaling_rope_parameters: inv_freq / factor
            Domain.atLeast("factor", m.factor(), 1.0);
            double[] inv = unscaled(rotaryDims, m.base());
            for (int j = 0; j < inv.length; j++) inv[j] /= m.factor();
            return inv;
        }
        if (mapping instanceof RopeMapping.NtkAware || mapping instanceof RopeMapping.NewBase) {
            return unscaled(rotaryDims, effectiveBase(rotaryDims, mapping));
        }
        if (mapping instanceof RopeMapping.Yarn m) {
            return yarn(rotaryDims, m);
        }
        throw new IllegalArgumentException("unsupported mapping " + mapping);
    }

    /**
     * The base the frequencies are computed from: {@code base * factor^(d/(d-2))} for an NTK-aware
     * change (transformers' static "ntk" rope type; bloc97 2023), the given base for an explicit
     * new base, the trained base otherwise.
     */
    public static double effectiveBase(int rotaryDims, RopeMapping mapping) {
        if (mapping instanceof RopeMapping.NtkAware m) {
            Domain.rotaryDims("rotary dims", rotaryDims);
            if (rotaryDims < 4) throw new IllegalArgumentException("rotary dims must be >= 4 for an NTK-aware change, got " + rotaryDims);
            Domain.atLeast("factor", m.factor(), 1.0);
            return m.base() * Math.pow(m.factor(), (double) rotaryDims / (rotaryDims - 2));
        }
        if (mapping instanceof RopeMapping.NewBase m) {
            return Domain.atLeast("new base", m.newBase(), 1.0 + Math.ulp(1.0));
        }
        return mapping.base();
    }

    /** The mapping's context-extension factor; for an explicit new base, the NTK factor it amounts to. */
    public static double factor(int rotaryDims, RopeMapping mapping) {
        if (mapping instanceof RopeMapping.Linear m) return m.factor();
        if (mapping instanceof RopeMapping.NtkAware m) return m.factor();
        if (mapping instanceof RopeMapping.Yarn m) return m.factor();
        if (mapping instanceof RopeMapping.NewBase m) {
            return Math.pow(m.newBase() / m.base(), (rotaryDims - 2.0) / rotaryDims);
        }
        return 1.0;
    }

    /**
     * Multiplier on cos/sin (so on q and k each). YaRN: the explicit attention_factor, else
     * {@code 0.1 ln(factor) + 1} (Peng et al. 2023, sqrt(1/t); transformers {@code _compute_yarn_parameters}).
     * Other mappings: 1.
     */
    public static double attentionFactor(RopeMapping mapping) {
        if (mapping instanceof RopeMapping.Yarn m) {
            if (m.attentionFactor() != null) return Domain.positive("attention factor", m.attentionFactor());
            return 0.1 * Math.log(m.factor()) + 1.0;
        }
        return 1.0;
    }

    /**
     * YaRN / NTK-by-parts as transformers' {@code _compute_yarn_parameters}: the correction range
     * is {@code [floor(dim(beta_fast)), ceil(dim(beta_slow))]} clamped to {@code [0, d-1]}, with
     * {@code dim(r) = d ln(L / (2 pi r)) / (2 ln base)}; a linear ramp over pair index between them
     * blends the interpolated ({@code theta/s}) and unscaled frequencies.
     */
    static double[] yarn(int rotaryDims, RopeMapping.Yarn m) {
        Domain.atLeast("factor", m.factor(), 1.0);
        Domain.atLeast("original context", m.originalContext(), 1);
        Domain.positive("beta_fast", m.betaFast());
        Domain.positive("beta_slow", m.betaSlow());
        double[] extrapolation = unscaled(rotaryDims, m.base());
        double[] range = correctionRange(rotaryDims, m.base(), m.originalContext(), m.betaFast(), m.betaSlow());
        double low = range[0];
        double high = range[1] == range[0] ? range[1] + 0.001 : range[1];
        double[] inv = new double[extrapolation.length];
        for (int j = 0; j < inv.length; j++) {
            double ramp = Math.min(1.0, Math.max(0.0, (j - low) / (high - low)));
            double extrapolationWeight = 1.0 - ramp;
            double interpolation = extrapolation[j] / m.factor();
            inv[j] = interpolation * (1.0 - extrapolationWeight) + extrapolation[j] * extrapolationWeight;
        }
        return inv;
    }

    /** {@code [low, high]} pair-index bounds of YaRN's ramp (floor/ceil, clamped to [0, d-1]). */
    public static double[] correctionRange(int rotaryDims, double base, int originalContext, double betaFast, double betaSlow) {
        double low = Math.floor(correctionDim(rotaryDims, base, originalContext, betaFast));
        double high = Math.ceil(correctionDim(rotaryDims, base, originalContext, betaSlow));
        return new double[] {Math.max(low, 0), Math.min(high, rotaryDims - 1)};
    }

    /** The (fractional) pair index whose frequency makes {@code turns} full turns in {@code context} tokens. */
    static double correctionDim(int rotaryDims, double base, int context, double turns) {
        return rotaryDims * Math.log(context / (turns * 2 * Math.PI)) / (2 * Math.log(base));
    }
}
