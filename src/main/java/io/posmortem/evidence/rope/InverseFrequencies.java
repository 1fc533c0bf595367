package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;
import io.posmortem.model.positional.RopeMapping;
import java.util.List;

/**
 * RoPE inverse frequencies (radians per token, one per rotary pair, in pair order) and attention
 * factor for each mapping, in float64, following the rope initialisation functions of
 * transformers ({@code modeling_rope_utils.py}, v5 semantics); each method names the function it
 * mirrors. {@link Float32Frequencies} gives the same quantities rounded as transformers computes
 * them in float32.
 *
 * <p>Preconditions, checked with errors naming the parameter: rotary dims even and at least 2,
 * base above 1, factors at least 1 (a linear factor only above 0), lengths at least 1, every number finite.
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

    /**
     * The frequencies used at inference under {@code mapping} for a sequence of {@code seqLen}
     * tokens. Only dynamic NTK (the base grows with the length) and LongRoPE (short or long factors)
     * depend on the length; the others ignore it.
     */
    public static double[] of(int rotaryDims, RopeMapping mapping, int seqLen) {
        Domain.atLeast("sequence length", seqLen, 1);
        if (mapping instanceof RopeMapping.Default m) {
            return unscaled(rotaryDims, m.base());
        }
        if (mapping instanceof RopeMapping.Linear m) {
            // _compute_linear_scaling_rope_parameters: inv_freq / factor. A factor below 1 speeds every
            // pair up: what an engine serves when it is given the factor's inverse (llama.cpp's
            // --rope-freq-scale 4 for a 4x context, whose freq_scale multiplies every frequency).
            Domain.positive("factor", m.factor());
            double[] inv = unscaled(rotaryDims, m.base());
            for (int j = 0; j < inv.length; j++) inv[j] /= m.factor();
            return inv;
        }
        if (mapping instanceof RopeMapping.NtkAware || mapping instanceof RopeMapping.NewBase
                || mapping instanceof RopeMapping.DynamicNtk) {
            return unscaled(rotaryDims, effectiveBase(rotaryDims, mapping, seqLen));
        }
        if (mapping instanceof RopeMapping.Yarn m) {
            return yarn(rotaryDims, m);
        }
        if (mapping instanceof RopeMapping.Llama3 m) {
            return llama3(rotaryDims, m);
        }
        if (mapping instanceof RopeMapping.LongRope m) {
            double[] inv = unscaled(rotaryDims, m.base());
            List<Double> ext = longRopeFactors(rotaryDims, m, seqLen);
            for (int j = 0; j < inv.length; j++) inv[j] /= ext.get(j);
            return inv;
        }
        throw new IllegalArgumentException("unsupported mapping " + mapping);
    }

    /**
     * The base the frequencies are computed from at {@code seqLen} tokens:
     * <ul>
     *   <li>NTK-aware change: {@code base * factor^(d/(d-2))} (transformers' former static "ntk"
     *       type; bloc97 2023);
     *   <li>explicit new base: that base;
     *   <li>dynamic NTK ({@code _compute_dynamic_ntk_parameters}): with {@code n = max(seqLen, L)},
     *       {@code base * (factor n / L - (factor - 1))^(d/(d-2))};
     *   <li>otherwise the trained base.
     * </ul>
     */
    public static double effectiveBase(int rotaryDims, RopeMapping mapping, int seqLen) {
        if (mapping instanceof RopeMapping.NtkAware m) {
            ntkDims(rotaryDims);
            Domain.atLeast("factor", m.factor(), 1.0);
            return m.base() * Math.pow(m.factor(), (double) rotaryDims / (rotaryDims - 2));
        }
        if (mapping instanceof RopeMapping.NewBase m) {
            return Domain.atLeast("new base", m.newBase(), 1.0 + Math.ulp(1.0));
        }
        if (mapping instanceof RopeMapping.DynamicNtk m) {
            ntkDims(rotaryDims);
            Domain.atLeast("factor", m.factor(), 1.0);
            Domain.atLeast("original context", m.originalContext(), 1);
            Domain.atLeast("sequence length", seqLen, 1);
            double n = Math.max(seqLen, m.originalContext());
            return m.base() * Math.pow(m.factor() * n / m.originalContext() - (m.factor() - 1), (double) rotaryDims / (rotaryDims - 2));
        }
        return mapping.base();
    }

    private static void ntkDims(int rotaryDims) {
        Domain.rotaryDims("rotary dims", rotaryDims);
        if (rotaryDims < 4) throw new IllegalArgumentException("rotary dims must be >= 4 for an NTK base change, got " + rotaryDims);
    }

    /** The mapping's context-extension factor; for an explicit new base, the NTK factor it amounts to. */
    public static double factor(int rotaryDims, RopeMapping mapping) {
        if (mapping instanceof RopeMapping.NewBase m) {
            return Math.pow(m.newBase() / m.base(), (rotaryDims - 2.0) / rotaryDims);
        }
        Double factor = mapping.scalingFactor();
        return factor == null ? 1.0 : factor;
    }

    /**
     * Multiplier on cos/sin (so on q and k each).
     * <ul>
     *   <li>YaRN ({@code _compute_yarn_parameters}): the explicit attention_factor; else, when both
     *       mscale and mscale_all_dim are given and non-zero, {@code m(s, mscale) / m(s, mscale_all_dim)};
     *       else {@code m(s, 1)}, with {@code m(s, k) = 0.1 k ln s + 1} for s > 1 and 1 otherwise
     *       (Peng et al. 2023: sqrt(1/t) = 0.1 ln s + 1);
     *   <li>LongRoPE ({@code _compute_longrope_parameters}): the explicit attention_factor; else 1 for
     *       s <= 1 and {@code sqrt(1 + ln s / ln L)} otherwise;
     *   <li>every other mapping: 1.
     * </ul>
     */
    public static double attentionFactor(RopeMapping mapping) {
        if (mapping instanceof RopeMapping.Yarn m) {
            if (m.attentionFactor() != null) return Domain.positive("attention factor", m.attentionFactor());
            if (nonZero(m.mscale()) && nonZero(m.mscaleAllDim())) {
                return mscale(m.factor(), m.mscale()) / mscale(m.factor(), m.mscaleAllDim());
            }
            return mscale(m.factor(), 1.0);
        }
        if (mapping instanceof RopeMapping.LongRope m) {
            if (m.attentionFactor() != null) return Domain.positive("attention factor", m.attentionFactor());
            if (m.factor() <= 1.0) return 1.0;
            Domain.atLeast("original context", m.originalContext(), 2);
            return Math.sqrt(1 + Math.log(m.factor()) / Math.log(m.originalContext()));
        }
        return 1.0;
    }

    private static boolean nonZero(Double v) {
        return v != null && v != 0.0;
    }

    /** YaRN's {@code get_mscale}: 1 for s <= 1, else {@code 0.1 k ln s + 1}. */
    static double mscale(double s, double k) {
        Domain.finite("mscale", k);
        return s <= 1 ? 1.0 : 0.1 * k * Math.log(s) + 1.0;
    }

    /**
     * YaRN / NTK-by-parts as transformers' {@code _compute_yarn_parameters}: a linear ramp over pair
     * index between the correction range's bounds blends the interpolated ({@code theta/s}) and
     * unscaled frequencies: unscaled below the low bound, interpolated above the high bound.
     */
    static double[] yarn(int rotaryDims, RopeMapping.Yarn m) {
        Domain.atLeast("factor", m.factor(), 1.0);
        double[] extrapolation = unscaled(rotaryDims, m.base());
        double[] range = correctionRange(rotaryDims, m.base(), m.originalContext(), m.betaFast(), m.betaSlow(), m.truncate());
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

    /**
     * {@code [low, high]} bounds of YaRN's ramp: {@code dim(beta_fast)} and {@code dim(beta_slow)},
     * rounded outward (floor, ceil) when {@code truncate}, clamped to {@code [0, d-1]}, where
     * {@code dim(r) = d ln(L / (2 pi r)) / (2 ln base)} is the fractional pair index that turns r
     * times in L tokens.
     */
    public static double[] correctionRange(int rotaryDims, double base, int originalContext, double betaFast,
                                           double betaSlow, boolean truncate) {
        Domain.rotaryDims("rotary dims", rotaryDims);
        Domain.atLeast("base", base, 1.0 + Math.ulp(1.0));
        Domain.atLeast("original context", originalContext, 1);
        Domain.positive("beta_fast", betaFast);
        Domain.positive("beta_slow", betaSlow);
        double low = correctionDim(rotaryDims, base, originalContext, betaFast);
        double high = correctionDim(rotaryDims, base, originalContext, betaSlow);
        if (truncate) {
            low = Math.floor(low);
            high = Math.ceil(high);
        }
        return new double[] {Math.max(low, 0), Math.min(high, rotaryDims - 1)};
    }

    /** The (fractional) pair index whose frequency makes {@code turns} full turns in {@code context} tokens. */
    static double correctionDim(int rotaryDims, double base, int context, double turns) {
        return rotaryDims * Math.log(context / (turns * 2 * Math.PI)) / (2 * Math.log(base));
    }

    /**
     * Llama 3.1 scaling as transformers' {@code _compute_llama3_parameters} (and Meta's
     * {@code apply_scaling}): with wavelength {@code lambda = 2 pi / theta}, pairs with
     * {@code lambda < L / high_freq_factor} keep theta, pairs with {@code lambda > L / low_freq_factor}
     * get {@code theta / factor}, and between them
     * {@code (1 - g) theta / factor + g theta} with {@code g = (L / lambda - low) / (high - low)}.
     * With {@code high == low} (Llama 4 Scout: 1 and 1) the band is empty; a pair exactly on the
     * shared bound, where transformers would divide 0 by 0, keeps theta.
     */
    static double[] llama3(int rotaryDims, RopeMapping.Llama3 m) {
        Domain.atLeast("factor", m.factor(), 1.0);
        Domain.atLeast("original context", m.originalContext(), 1);
        Domain.positive("low_freq_factor", m.lowFreqFactor());
        Domain.positive("high_freq_factor", m.highFreqFactor());
        if (m.highFreqFactor() < m.lowFreqFactor()) {
            throw new IllegalArgumentException("high_freq_factor must be >= low_freq_factor, got "
                    + m.highFreqFactor() + " and " + m.lowFreqFactor());
        }
        double lowFreqWavelength = m.originalContext() / m.lowFreqFactor();
        double highFreqWavelength = m.originalContext() / m.highFreqFactor();
        double[] inv = unscaled(rotaryDims, m.base());
        for (int j = 0; j < inv.length; j++) {
            double wavelength = 2 * Math.PI / inv[j];
            if (wavelength < highFreqWavelength) continue;
            if (wavelength > lowFreqWavelength) {
                inv[j] = inv[j] / m.factor();
            } else if (m.highFreqFactor() > m.lowFreqFactor()) {
                double g = (m.originalContext() / wavelength - m.lowFreqFactor()) / (m.highFreqFactor() - m.lowFreqFactor());
                inv[j] = (1 - g) * inv[j] / m.factor() + g * inv[j];
            }
        }
        return inv;
    }

    /**
     * The LongRoPE factor list in force at {@code seqLen}: the long list beyond the original window,
     * the short list up to it (transformers v5 {@code _compute_longrope_parameters} and Phi-3's
     * dynamic update switch at {@code seqLen > original_max_position_embeddings}).
     */
    public static List<Double> longRopeFactors(int rotaryDims, RopeMapping.LongRope m, int seqLen) {
        Domain.rotaryDims("rotary dims", rotaryDims);
        Domain.atLeast("original context", m.originalContext(), 1);
        checkFactors("short_factor", m.shortFactor(), rotaryDims);
        checkFactors("long_factor", m.longFactor(), rotaryDims);
        return seqLen > m.originalContext() ? m.longFactor() : m.shortFactor();
    }

    private static void checkFactors(String name, List<Double> factors, int rotaryDims) {
        if (factors.size() != rotaryDims / 2) {
            throw new IllegalArgumentException(name + " must have " + rotaryDims / 2 + " entries (one per rotary pair), got " + factors.size());
        }
        for (int j = 0; j < factors.size(); j++) Domain.positive(name + "[" + j + "]", factors.get(j));
    }
}
