package io.posmortem.evidence.stats;

import io.posmortem.evidence.domain.Domain;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Tests on success counts: Fisher's exact test of a build's success rate against a baseline's, and
 * Wilson score intervals for each rate.
 */
public final class CountStatistics {
    private CountStatistics() {}

    /** Relative slack when comparing table probabilities, as R's {@code fisher.test} uses (1 + 1e-7). */
    static final double RELATIVE_ERROR = 1 + 1e-7;

    /**
     * Two-sided p-value of Fisher's exact test for the 2x2 table
     * {@code [[s1, n1 - s1], [s2, n2 - s2]]}: the sum of the hypergeometric probabilities of every
     * table with the same margins that is no more likely than the observed one (Fisher 1922;
     * the convention of R's {@code fisher.test}).
     */
    public static double fisherTwoSided(int s1, int n1, int s2, int n2) {
        check(s1, n1, "build");
        check(s2, n2, "baseline");
        int population = n1 + n2;
        int successes = s1 + s2;
        if (population == 0 || successes == 0 || successes == population) return 1.0;
        HypergeometricDistribution h = new HypergeometricDistribution(null, population, successes, n1);
        double observed = h.probability(s1);
        int lo = Math.max(0, n1 - (population - successes));
        int hi = Math.min(n1, successes);
        // Tables whose log-probability is below UNDERFLOW have probability exactly 0 and add
        // nothing; the probabilities rise to the mode and fall after it, so the tables that count
        // lie in one run around the mode, found by bisection. The sum keeps its order (ascending
        // k), so the p-value is the same double as summing every table: work ~ 80 standard
        // deviations of the first cell instead of min(n1, s1 + s2) tables.
        int mode = (int) Math.max(lo, Math.min(hi, (long) (n1 + 1) * (successes + 1) / (population + 2L)));
        int first = firstAbove(h, lo, mode, true);
        int last = firstAbove(h, mode, hi, false);
        double p = 0;
        for (int k = first; k <= last; k++) {
            double pk = h.probability(k);
            if (pk <= observed * RELATIVE_ERROR) p += pk;
        }
        return Math.min(1.0, p);
    }

    /** Below this natural log a probability is 0 in double precision (exp underflows below about -745.1). */
    static final double UNDERFLOW = -800;

    /**
     * On {@code [from, to]}, where the log-probability rises ({@code rising}) or falls: the first
     * (rising) or last (falling) k whose log-probability is at least {@link #UNDERFLOW}, or the
     * mode end of the range when none is.
     */
    private static int firstAbove(HypergeometricDistribution h, int from, int to, boolean rising) {
        int a = from;
        int b = to;
        if (rising) {
            while (a < b) {
                int mid = a + (b - a) / 2;
                if (h.logProbability(mid) >= UNDERFLOW) b = mid;
                else a = mid + 1;
            }
            return a;
        }
        while (a < b) {
            int mid = a + (b - a + 1) / 2;
            if (h.logProbability(mid) >= UNDERFLOW) a = mid;
            else b = mid - 1;
        }
        return a;
    }

    /**
     * Wilson score interval {@code [low, high]} for {@code s} successes in {@code n} trials at
     * confidence {@code 1 - alpha}: {@code (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)}
     * with {@code z} the {@code 1 - alpha/2} normal quantile (Wilson 1927).
     */
    public static double[] wilson(int s, int n, double alpha) {
        check(s, n, "counts");
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        if (n == 0) return new double[] {0, 1};
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - alpha / 2);
        double p = (double) s / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double denominator = 1 + z2 / n;
        return new double[] {Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator)};
    }

    private static void check(int s, int n, String name) {
        Domain.atLeast(name + " trials", n, 0);
        if (s < 0 || s > n) throw new IllegalArgumentException(name + " successes must be in [0, trials], got " + s + " of " + n);
    }
}
