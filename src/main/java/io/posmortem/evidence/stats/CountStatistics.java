package io.posmortem.evidence.stats;

import io.posmortem.evidence.Domain;
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
        double p = 0;
        for (int k = Math.max(0, n1 - (population - successes)); k <= Math.min(n1, successes); k++) {
            double pk = h.probability(k);
            if (pk <= observed * RELATIVE_ERROR) p += pk;
        }
        return Math.min(1.0, p);
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
