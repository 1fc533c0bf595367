package io.posmortem.evidence.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.Outcome;
import io.posmortem.model.Trend;
import io.posmortem.model.Tri;
import io.posmortem.model.evidence.MetricTest;
import io.posmortem.model.input.Metric;
import io.posmortem.model.input.Observation;
import io.posmortem.model.knowledge.StatisticsSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A metric observation decides its outcome by its relative change (threshold 5%) and its strength
 * rises log-linearly from 0.8 at 5% to 1 at 20%; an observation without a band weighs 0.75 as
 * much. Expected values are hand derivations.
 */
class MetricAssessmentTest {
    static final StatisticsSettings SETTINGS = new StatisticsSettings(0.05, 0.001, 0.9, 0.8, 0.05, 0.75);

    static Observation observation(String id, Metric metric, boolean banded) {
        return new Observation("b", id, null, "output-quality", 1, 4096, null, 0, Trend.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN,
                null, metric, banded, null, "/x", 1.0, null, null, Tri.UNKNOWN, null);
    }

    @Test
    void perplexityUpDecidesDegradedWithAGradedStrength() {
        // 7.00 vs 6.16: 13.64% worse > 5%: degraded; strength 0.8 + 0.2 ln(0.1364 / 0.05) / ln 4 = 0.9447.
        MetricTest t = ObservationAssessment.metric(observation("ppl", new Metric("perplexity", 7.00, 6.16), true), SETTINGS);
        assertEquals(Outcome.DEGRADED, t.outcome());
        assertEquals(0.8 + 0.2 * Math.log((0.84 / 6.16) / 0.05) / Math.log(4), t.strength(), 1e-12);
    }

    @Test
    void smallChangesArePreservedAndImprovementsImproved() {
        assertEquals(Outcome.PRESERVED, ObservationAssessment.metric(observation("a", new Metric("perplexity", 6.2, 6.0), true), SETTINGS).outcome());
        assertEquals(Outcome.IMPROVED, ObservationAssessment.metric(observation("b", new Metric("score", 70, 60), true), SETTINGS).outcome());
        // 0.494 vs 0.620 accuracy: 20.3% worse, past 4 x 5%: full strength.
        assertEquals(1.0, ObservationAssessment.metric(observation("c", new Metric("accuracy", 0.494, 0.620), true), SETTINGS).strength());
    }

    @Test
    void anObservationWithoutABandWeighsLess() {
        ObservationAssessment.Result r = ObservationAssessment.assess(List.of(
                observation("banded", new Metric("perplexity", 20, 5), true),
                observation("unbanded", new Metric("perplexity", 20, 5), false)), SETTINGS);
        assertEquals(1.0, r.observations().get(0).strength());
        assertEquals(0.75, r.observations().get(1).strength());
        assertEquals(Outcome.DEGRADED, r.observations().get(1).outcome());
        assertEquals(2, r.metricTests().size());
    }
}
