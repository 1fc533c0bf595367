package io.posmortem.evidence.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.Outcome;
import io.posmortem.model.Trend;
import io.posmortem.model.Tri;
import io.posmortem.model.evidence.BandTrend;
import io.posmortem.model.input.Counts;
import io.posmortem.model.input.Observation;
import io.posmortem.model.knowledge.StatisticsSettings;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Count statistics against SciPy 1.10.1 (Debian python3-scipy): {@code scipy.stats.fisher_exact}
 * (two-sided), Wilson bounds computed from {@code scipy.stats.norm.ppf}, and
 * {@code scipy.stats.linregress} for the band trend.
 */
class CountStatisticsTest {

    static final StatisticsSettings SETTINGS = new StatisticsSettings(0.05, 0.001, 0.9, 0.8, 0.05, 0.75);

    @ParameterizedTest(name = "[[{0}, n1-{0}], [{2}, n2-{2}]] -> p = {4}")
    @CsvSource({
            "31, 120, 88, 120, 1.7075490192624953e-13",
            "40, 60, 44, 60, 0.5504438597803116",
            "57, 60, 58, 60, 1.0",
            "150, 200, 180, 200, 0.00011278172795779362",
            "0, 10, 10, 10, 1.082508822446903e-05",
            "3, 4, 1, 4, 0.48571428571428565",
            "7, 20, 15, 20, 0.02484172037782329"})
    void fisherExactMatchesScipy(int s1, int n1, int s2, int n2, double expected) {
        assertEquals(expected, CountStatistics.fisherTwoSided(s1, n1, s2, n2), expected * 1e-9);
    }

    @ParameterizedTest(name = "{0}/{1} -> [{2}, {3}]")
    @CsvSource({
            "31, 120, 0.18837396318660649, 0.3432853005824336",
            "88, 120, 0.6478756061385241, 0.8043154495327476",
            "0, 10, 0.0, 0.2775327998628892",
            "10, 10, 0.7224672001371106, 0.9999999999999999",
            "57, 60, 0.8629948352365148, 0.9828504978356043"})
    void wilsonIntervalsMatchTheFormula(int s, int n, double low, double high) {
        double[] ci = CountStatistics.wilson(s, n, 0.05);
        assertEquals(low, ci[0], 1e-12);
        assertEquals(high, ci[1], 1e-12);
    }

    @Test
    void badCountsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CountStatistics.fisherTwoSided(5, 4, 1, 4));
        assertTrue(e.getMessage().startsWith("build successes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CountStatistics.wilson(1, 2, 1.5));
    }

    static Observation counted(String id, int from, int to, int s, int n, int bs, int bn, Outcome stated) {
        return new Observation("b", id, null, "long-range-reference", from, to, stated, 0, Trend.UNKNOWN, Tri.UNKNOWN,
                Tri.UNKNOWN, new Counts(s, n, bs, bn), null, true, null, "/x", 1.0, null, null, Tri.UNKNOWN, null);
    }

    @Test
    void countsDecideTheOutcomeOverTheStatedOne() {
        ObservationAssessment.Result r = ObservationAssessment.assess(List.of(
                counted("a", 20_000, 32_768, 40, 60, 44, 60, Outcome.DEGRADED),
                counted("b", 20_000, 32_768, 31, 120, 88, 120, null)), SETTINGS);
        assertEquals(Outcome.INCONCLUSIVE, r.observations().get(0).outcome(), "p = 0.55");
        assertEquals(0.8, r.observations().get(0).strength());
        assertEquals(Outcome.DEGRADED, r.observations().get(1).outcome(), "p = 1.7e-13");
        assertEquals(1.0, r.observations().get(1).strength(), "p <= 0.001: full strength");
    }

    @Test
    void strengthRisesLogLinearlyBetweenAlphaAndStrongP() {
        assertEquals(0.9, ObservationAssessment.strength(0.0499999, SETTINGS), 1e-5);
        // p = sqrt(0.05 * 0.001): halfway on the log scale -> 0.95.
        assertEquals(0.95, ObservationAssessment.strength(Math.sqrt(0.05 * 0.001), SETTINGS), 1e-12);
        assertEquals(1.0, ObservationAssessment.strength(1e-9, SETTINGS));
        assertEquals(0.8, ObservationAssessment.strength(0.2, SETTINGS));
    }

    @Test
    void aSignificantTrendAcrossFourBandsMakesThemWorsen() {
        ObservationAssessment.Result r = ObservationAssessment.assess(List.of(
                counted("1", 4097, 6000, 150, 200, 180, 200, null),
                counted("2", 6001, 10_000, 110, 200, 180, 200, null),
                counted("3", 10_001, 18_000, 70, 200, 180, 200, null),
                counted("4", 18_001, 32_768, 30, 200, 180, 200, null)), SETTINGS);
        BandTrend t = r.bandTrends().get(0);
        // scipy.stats.linregress over (log2 midpoint, baseline - rate): slope 0.2556676560958297, p 0.0016168596870106407.
        assertEquals(0.2556676560958297, t.slope(), 1e-12);
        assertEquals(0.0016168596870106407, t.pValue(), 1e-9);
        assertEquals(Trend.WORSENS, t.trend());
        r.observations().forEach(o -> assertEquals(Trend.WORSENS, o.trend(), o.id()));
    }

    @RepeatedTest(100)
    void pValuesAreProbabilitiesAndSymmetric(RepetitionInfo info) {
        Random random = new Random(9000L + info.getCurrentRepetition());
        int n1 = 1 + random.nextInt(300);
        int n2 = 1 + random.nextInt(300);
        int s1 = random.nextInt(n1 + 1);
        int s2 = random.nextInt(n2 + 1);
        double p = CountStatistics.fisherTwoSided(s1, n1, s2, n2);
        String seed = "seed " + (9000L + info.getCurrentRepetition());
        assertTrue(p > 0 && p <= 1, seed + " p = " + p);
        assertEquals(p, CountStatistics.fisherTwoSided(s2, n2, s1, n1), 1e-9, seed + ": swapping the groups");
        assertEquals(p, CountStatistics.fisherTwoSided(n1 - s1, n1, n2 - s2, n2), 1e-9, seed + ": swapping success and failure");
        double[] ci = CountStatistics.wilson(s1, n1, 0.05);
        assertTrue(ci[0] <= (double) s1 / n1 + 1e-12 && (double) s1 / n1 <= ci[1] + 1e-12, seed + " interval holds the rate");
    }
}
