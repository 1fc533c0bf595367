package io.posmortem.evidence.rope;

import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.positional.RopeMapping;
import java.util.List;

/**
 * The bases a RoPE base change could have used, as thresholds on the base, for a build that says
 * the base was changed without saying to what. Raising the base from b to b' slows pair j by
 * {@code s_j = (b'/b)^(2j/d)}:
 * <ul>
 *   <li>{@code keepsLongRangeFrom}: the smallest base whose long-range pairs all stay inside their
 *       trained angles up to the target (largest angle at T within {@code tolerance} of the largest
 *       trained one), found by bisection on ln b';
 *   <li>{@code compressesLocalFrom}: the smallest base that slows at least {@code share} of the
 *       local pairs by {@code 1 / ratio} or more. The slower pairs of the band go first, so it is
 *       reached when pair {@code j* = K - ceil(share K)} (K local pairs) is slowed that much:
 *       {@code b' = b (1/ratio)^(d / (2 j*))}.
 * </ul>
 */
public final class BaseRange {
    private BaseRange() {}

    public record Bounds(double keepsLongRangeFrom, double compressesLocalFrom) {}

    public static Bounds of(int rotaryDims, double base, int trainedContext, int targetContext, double ratio, double share,
                            double tolerance, EvidenceSettings settings) {
        double[] trained = InverseFrequencies.unscaled(rotaryDims, base);
        int local = (int) RotaryPairs.evaluate("", "", trained, trained, trainedContext, targetContext, settings).stream()
                .filter(p -> p.band() == io.posmortem.model.PairBand.LOCAL).count();
        int lowest = local - (int) Math.ceil(share * local);
        double compresses = lowest <= 0 ? Double.POSITIVE_INFINITY : base * Math.pow(1 / ratio, rotaryDims / (2.0 * lowest));
        double lo = Math.log(base);
        double hi = Math.log(base) + Math.log(1e12);
        if (!keepsLongRange(rotaryDims, base, Math.exp(hi), trainedContext, targetContext, tolerance, settings)) {
            return new Bounds(Double.POSITIVE_INFINITY, compresses);
        }
        if (keepsLongRange(rotaryDims, base, base, trainedContext, targetContext, tolerance, settings)) return new Bounds(base, compresses);
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (keepsLongRange(rotaryDims, base, Math.exp(mid), trainedContext, targetContext, tolerance, settings)) hi = mid;
            else lo = mid;
        }
        return new Bounds(Math.exp(hi), compresses);
    }

    static boolean keepsLongRange(int dims, double base, double newBase, int trainedContext, int targetContext, double tolerance,
                                  EvidenceSettings settings) {
        List<RotaryPair> pairs = RotaryPairs.evaluate("", "", InverseFrequencies.unscaled(dims, base),
                InverseFrequencies.of(dims, new RopeMapping.NewBase(base, newBase), targetContext), trainedContext, targetContext, settings);
        return pairs.stream().noneMatch(p -> p.band() == io.posmortem.model.PairBand.LONG_RANGE && p.unseenAngleRatio() > tolerance);
    }
}
