package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;
import io.posmortem.model.PairBand;
import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.positional.RopeMapping;

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
        Domain.atLeast("trained context", trainedContext, 2);
        Domain.atLeast("target context", targetContext, trainedContext);
        int local = 0;
        for (double theta : trained) {
            if (RotaryPairs.band(RotaryPairs.turnsTrained(theta, trainedContext), settings) == PairBand.LOCAL) local++;
        }
        int lowest = local - (int) Math.ceil(share * local);
        double compresses = lowest <= 0 ? Double.POSITIVE_INFINITY : base * Math.pow(1 / ratio, rotaryDims / (2.0 * lowest));
        double lo = Math.log(base);
        double hi = Math.log(base) + Math.log(1e12);
        if (!keepsLongRange(trained, base, Math.exp(hi), trainedContext, targetContext, tolerance, settings)) {
            return new Bounds(Double.POSITIVE_INFINITY, compresses);
        }
        if (keepsLongRange(trained, base, base, trainedContext, targetContext, tolerance, settings)) return new Bounds(base, compresses);
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (keepsLongRange(trained, base, Math.exp(mid), trainedContext, targetContext, tolerance, settings)) hi = mid;
            else lo = mid;
        }
        return new Bounds(Math.exp(hi), compresses);
    }

    /** Whether serving at {@code newBase} keeps every long-range pair's unseen-angle ratio (as {@link RotaryPairs} defines it) within {@code tolerance}. */
    static boolean keepsLongRange(int dims, double base, double newBase, int trainedContext, int targetContext, double tolerance,
                                  EvidenceSettings settings) {
        double[] trained = InverseFrequencies.unscaled(dims, base);
        Domain.atLeast("trained context", trainedContext, 2);
        Domain.atLeast("target context", targetContext, trainedContext);
        return keepsLongRange(trained, base, newBase, trainedContext, targetContext, tolerance, settings);
    }

    /** The same over the trained frequencies {@code trained} of {@code base}; no per-pair records (the bisection asks 62 times per build). */
    private static boolean keepsLongRange(double[] trained, double base, double newBase, int trainedContext, int targetContext,
                                          double tolerance, EvidenceSettings settings) {
        double[] mapped = InverseFrequencies.of(2 * trained.length /* the rotary dims */, new RopeMapping.NewBase(base, newBase), targetContext);
        for (int j = 0; j < trained.length; j++) {
            double theta = trained[j];
            double mappedTheta = Domain.positive("mapped inverse frequency", mapped[j]);
            if (RotaryPairs.band(RotaryPairs.turnsTrained(theta, trainedContext), settings) == PairBand.LONG_RANGE
                    && RotaryPairs.unseenAngleRatio(theta, mappedTheta, trainedContext, targetContext) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
