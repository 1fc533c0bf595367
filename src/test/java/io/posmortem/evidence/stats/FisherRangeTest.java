package io.posmortem.evidence.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.junit.jupiter.api.Test;

/**
 * Fisher's exact test sums only the tables whose probability is not 0 in double precision; the
 * sum over every table (the definition, kept here as the oracle) must give the very same double
 * on seeded random tables, small and large, balanced and extreme.
 */
class FisherRangeTest {

    static double everyTable(int s1, int n1, int s2, int n2) {
        int population = n1 + n2;
        int successes = s1 + s2;
        if (population == 0 || successes == 0 || successes == population) return 1.0;
        HypergeometricDistribution h = new HypergeometricDistribution(null, population, successes, n1);
        double observed = h.probability(s1);
        double p = 0;
        for (int k = Math.max(0, n1 - (population - successes)); k <= Math.min(n1, successes); k++) {
            double pk = h.probability(k);
            if (pk <= observed * CountStatistics.RELATIVE_ERROR) p += pk;
        }
        return Math.min(1.0, p);
    }

    @Test
    void theRunAroundTheModeGivesTheSameDoubleAsEveryTable() {
        Random random = new Random(20261201L);
        for (int i = 0; i < 3000; i++) {
            int scale = switch (random.nextInt(4)) {
                case 0 -> 10;
                case 1 -> 200;
                case 2 -> 5_000;
                default -> 200_000;
            };
            int n1 = 1 + random.nextInt(scale);
            int n2 = 1 + random.nextInt(scale);
            int s1 = pickSuccesses(random, n1);
            int s2 = pickSuccesses(random, n2);
            String table = s1 + "/" + n1 + " vs " + s2 + "/" + n2;
            assertEquals(everyTable(s1, n1, s2, n2), CountStatistics.fisherTwoSided(s1, n1, s2, n2), 0.0, table);
        }
    }

    static int pickSuccesses(Random random, int n) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> n;
            case 2 -> random.nextInt(Math.min(n, 3) + 1);
            default -> random.nextInt(n + 1);
        };
    }

    @Test
    void aBillionTrialsEnd() {
        // Summing every table was 10^9 probabilities; the limit only checks that it ends.
        double p = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CountStatistics.fisherTwoSided(400_000_000, 1_000_000_000, 500_000_000, 1_000_000_000));
        assertTrue(p >= 0 && p < 1e-300, "rates 0.4 and 0.5 over a billion trials differ beyond doubt: " + p);
        double same = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CountStatistics.fisherTwoSided(500_000_000, 1_000_000_000, 500_000_000, 1_000_000_000));
        assertEquals(1.0, same, 1e-9, "equal rates: every table is at most as likely as the observed one");
    }
}
