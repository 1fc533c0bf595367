package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;
import io.posmortem.model.WireName;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.positional.RopeMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the evidence engine computes for one RoPE configuration, as {@code posmortem rope}
 * prints it: the frequencies (float64 and transformers' float32), the attention factor, and per
 * rotary pair the comparison with the trained frequencies (see {@link RotaryPairs}) and the angle
 * error of half-precision angle tables at the last position.
 *
 * @param correctionRange YaRN's {@code [low, high]} ramp bounds, null for other methods
 * @param longRopeFactors {@code "short"} or {@code "long"}: the LongRoPE list in force, null otherwise
 * @param anglePrecision  worst angle error over all pairs at growing positions
 */
public record RopeTable(
        String method,
        int rotaryDims,
        double base,
        double effectiveBase,
        double factor,
        double attentionFactor,
        int trainedContext,
        int seqLen,
        double[] correctionRange,
        String longRopeFactors,
        double[] invFreq,
        float[] invFreqFloat32,
        List<Pair> pairs,
        List<Precision> anglePrecision) {

    /**
     * One rotary pair. {@code leavesTrainedRangeAt} is null for a pair that completed a turn in
     * training (every phase already seen); angle errors are null where the format overflows.
     */
    public record Pair(
            int index,
            double trainedInvFreq,
            double invFreq,
            double wavelength,
            double scale,
            String band,
            double turnsTrained,
            double turnsTarget,
            double neighbourAngleRatio,
            double unseenAngleRatio,
            Long leavesTrainedRangeAt,
            Double bfloat16AngleError,
            Double float16AngleError) {}

    /** Worst angle error over all pairs at {@code position}, radians (null: the format overflows). */
    public record Precision(long position, Double bfloat16, Double float16, double float32) {}

    /**
     * Computes the table for {@code mapping} with {@code rotaryDims} rotated dimensions, a model
     * trained on {@code trainedContext} tokens and served at {@code seqLen}.
     */
    public static RopeTable compute(int rotaryDims, RopeMapping mapping, int trainedContext, int seqLen,
                                    EvidenceSettings settings) {
        Domain.atLeast("trained context", trainedContext, 2);
        Domain.atLeast("sequence length", seqLen, 1);
        double[] trained = InverseFrequencies.unscaled(rotaryDims, mapping.base());
        double[] mapped = InverseFrequencies.of(rotaryDims, mapping, seqLen);
        float[] mapped32 = Float32Frequencies.of(rotaryDims, mapping, seqLen);
        int target = Math.max(seqLen, trainedContext);
        List<RotaryPair> evaluated = RotaryPairs.evaluate("", "", trained, mapped, trainedContext, target, settings);
        long last = seqLen - 1L;
        List<Pair> pairs = new ArrayList<>(evaluated.size());
        for (RotaryPair p : evaluated) {
            double theta32 = mapped32[p.index()];
            pairs.add(new Pair(p.index(), p.trainedInverseFrequency(), p.inverseFrequency(), p.wavelength(), p.scale(),
                    WireName.of(p.band()), p.turnsTrained(), p.turnsTarget(), p.neighbourAngleRatio(), p.unseenAngleRatio(),
                    p.leavesTrainedRangeAt() < 0 ? null : p.leavesTrainedRangeAt(),
                    finite(AnglePrecision.angleError(AnglePrecision.Format.BFLOAT16, last, theta32)),
                    finite(AnglePrecision.angleError(AnglePrecision.Format.FLOAT16, last, theta32))));
        }
        double[] thetas32 = new double[mapped32.length];
        for (int j = 0; j < mapped32.length; j++) thetas32[j] = mapped32[j];
        List<Precision> precision = new ArrayList<>();
        for (long position : positions(last)) {
            precision.add(new Precision(position,
                    finite(AnglePrecision.worstAngleError(AnglePrecision.Format.BFLOAT16, position, thetas32)),
                    finite(AnglePrecision.worstAngleError(AnglePrecision.Format.FLOAT16, position, thetas32)),
                    AnglePrecision.worstAngleError(AnglePrecision.Format.FLOAT32, position, thetas32)));
        }
        double[] range = null;
        if (mapping instanceof RopeMapping.Yarn y) {
            range = InverseFrequencies.correctionRange(rotaryDims, y.base(), y.originalContext(), y.betaFast(), y.betaSlow(), y.truncate());
        }
        String longRope = mapping instanceof RopeMapping.LongRope l ? (seqLen > l.originalContext() ? "long" : "short") : null;
        return new RopeTable(mapping.method(), rotaryDims, mapping.base(), InverseFrequencies.effectiveBase(rotaryDims, mapping, seqLen),
                InverseFrequencies.factor(rotaryDims, mapping), InverseFrequencies.attentionFactor(mapping), trainedContext, seqLen,
                range, longRope, mapped, mapped32, List.copyOf(pairs), List.copyOf(precision));
    }

    /** Positions 1023, 2047, ... (one below each power of two from 1024) up to {@code last}, then {@code last}. */
    static List<Long> positions(long last) {
        List<Long> out = new ArrayList<>();
        for (long p = 1024; p - 1 < last; p *= 2) out.add(p - 1);
        out.add(last);
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
