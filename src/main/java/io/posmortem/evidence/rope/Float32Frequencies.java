package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;
import io.posmortem.model.positional.RopeMapping;
import java.util.List;

/**
 * RoPE inverse frequencies rounded as transformers computes them: every tensor in
 * {@code modeling_rope_utils.py} is float32, so each elementwise operation rounds to float32, and
 * Python scalars (base, factor, 2 pi) are converted to float32 when they meet a tensor. The
 * sequence of operations below follows the reference line by line:
 * <ul>
 *   <li>exponents {@code arange(0, d, 2).float() / d};
 *   <li>{@code base ** exponents} (float32 power), {@code 1.0 / x} as a float32 reciprocal;
 *   <li>{@code a / s} for a Python scalar s is {@code a / (float) s};
 *       {@code c / tensor} is {@code reciprocal(tensor) * (float) c} (torch's {@code __rtruediv__}).
 * </ul>
 * The float32 power is {@code (float) Math.pow} (correctly rounded in all but rare ties); torch's
 * vectorised CPU power may differ from it by one unit in the last place (tested against torch in
 * {@code Float32FrequenciesTest}). Bases of dynamic and NTK-aware scaling are computed in float64
 * as the reference does in Python, then rounded to float32.
 */
public final class Float32Frequencies {
    private Float32Frequencies() {}

    /** {@code base^(-2j/d)} in float32 ({@code _compute_default_rope_parameters}). */
    public static float[] unscaled(int rotaryDims, double base) {
        Domain.rotaryDims("rotary dims", rotaryDims);
        Domain.atLeast("base", base, 1.0 + Math.ulp(1.0));
        float[] pow = powers(rotaryDims, base);
        float[] inv = new float[pow.length];
        for (int j = 0; j < inv.length; j++) inv[j] = 1.0f / pow[j];
        return inv;
    }

    /** {@code base ** (arange(0, d, 2).float() / d)} in float32. */
    static float[] powers(int rotaryDims, double base) {
        float b = (float) base;
        float[] out = new float[rotaryDims / 2];
        for (int j = 0; j < out.length; j++) {
            float exponent = (float) (2 * j) / (float) rotaryDims;
            out[j] = (float) Math.pow(b, exponent);
        }
        return out;
    }

    /** The float32 frequencies of {@code mapping} at {@code seqLen} tokens (see {@link InverseFrequencies#of}). */
    public static float[] of(int rotaryDims, RopeMapping mapping, int seqLen) {
        // Validates every parameter with the float64 path's messages.
        InverseFrequencies.of(rotaryDims, mapping, seqLen);
        if (mapping instanceof RopeMapping.Default m) return unscaled(rotaryDims, m.base());
        if (mapping instanceof RopeMapping.Linear m) {
            float[] inv = unscaled(rotaryDims, m.base());
            float f = (float) m.factor();
            for (int j = 0; j < inv.length; j++) inv[j] = inv[j] / f;
            return inv;
        }
        if (mapping instanceof RopeMapping.NtkAware || mapping instanceof RopeMapping.NewBase
                || mapping instanceof RopeMapping.DynamicNtk) {
            return unscaled(rotaryDims, InverseFrequencies.effectiveBase(rotaryDims, mapping, seqLen));
        }
        if (mapping instanceof RopeMapping.Yarn m) return yarn(rotaryDims, m);
        if (mapping instanceof RopeMapping.Llama3 m) return llama3(rotaryDims, m);
        if (mapping instanceof RopeMapping.LongRope m) {
            List<Double> ext = InverseFrequencies.longRopeFactors(rotaryDims, m, seqLen);
            float[] pow = powers(rotaryDims, m.base());
            float[] inv = new float[pow.length];
            for (int j = 0; j < inv.length; j++) inv[j] = 1.0f / (ext.get(j).floatValue() * pow[j]);
            return inv;
        }
        throw new IllegalArgumentException("unsupported mapping " + mapping);
    }

    /** {@code _compute_yarn_parameters} in float32. */
    static float[] yarn(int rotaryDims, RopeMapping.Yarn m) {
        float[] pow = powers(rotaryDims, m.base());
        float f = (float) m.factor();
        double[] range = InverseFrequencies.correctionRange(rotaryDims, m.base(), m.originalContext(), m.betaFast(),
                m.betaSlow(), m.truncate());
        double low = range[0];
        double high = range[1] == range[0] ? range[1] + 0.001 : range[1];
        float lowF = (float) low;
        float width = (float) (high - low);
        float[] inv = new float[pow.length];
        for (int j = 0; j < inv.length; j++) {
            float extrapolation = 1.0f / pow[j];
            float interpolation = 1.0f / (f * pow[j]);
            float ramp = Math.min(1.0f, Math.max(0.0f, ((float) j - lowF) / width));
            float extrapolationWeight = 1.0f - ramp;
            inv[j] = interpolation * (1.0f - extrapolationWeight) + extrapolation * extrapolationWeight;
        }
        return inv;
    }

    /** {@code _compute_llama3_parameters} in float32. */
    static float[] llama3(int rotaryDims, RopeMapping.Llama3 m) {
        float[] inv = unscaled(rotaryDims, m.base());
        float f = (float) m.factor();
        float lowFactor = (float) m.lowFreqFactor();
        float lowFreqWavelength = (float) (m.originalContext() / m.lowFreqFactor());
        float highFreqWavelength = (float) (m.originalContext() / m.highFreqFactor());
        float turn = (float) (2 * Math.PI);
        float context = (float) m.originalContext();
        float span = (float) (m.highFreqFactor() - m.lowFreqFactor());
        float[] out = new float[inv.length];
        for (int j = 0; j < inv.length; j++) {
            float wavelength = (1.0f / inv[j]) * turn;
            float scaled = wavelength > lowFreqWavelength ? inv[j] / f : inv[j];
            float g = ((1.0f / wavelength) * context - lowFactor) / span;
            float smoothed = (1.0f - g) * scaled / f + g * scaled;
            boolean medium = span > 0 && !(wavelength < highFreqWavelength) && !(wavelength > lowFreqWavelength);
            out[j] = medium ? smoothed : scaled;
        }
        return out;
    }
}
