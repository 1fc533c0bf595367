package io.posmortem.report;

import static io.posmortem.report.HandTrace.BUILD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.posmortem.model.Outcome;
import io.posmortem.model.PairBand;
import io.posmortem.model.Trend;
import io.posmortem.model.Tri;
import io.posmortem.model.derived.Finding;
import io.posmortem.model.evidence.AlibiProfile;
import io.posmortem.model.evidence.BandTrend;
import io.posmortem.model.evidence.CountTest;
import io.posmortem.model.evidence.DistanceBand;
import io.posmortem.model.evidence.LoaderReading;
import io.posmortem.model.evidence.MetricTest;
import io.posmortem.model.evidence.RopeProfile;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.input.Observation;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.knowledge.SubjectRole;
import io.posmortem.model.positional.AlibiSpec;
import io.posmortem.model.positional.BucketSpec;
import io.posmortem.model.positional.RopeMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sections built from the evidence stage's numbers: counts, key numbers, raw evidence and a
 * subject's parameters. Every expected value is read off the hand-written evidence of the test.
 */
class EvidenceSectionsTest {

    private static Observation observation(String id, Outcome outcome) {
        return new Observation(BUILD, id, "needle", "retrieval", 4096, 8192, outcome, 4096, Trend.WORSENS, Tri.UNKNOWN, Tri.UNKNOWN,
                null, null, true, null, "/builds/0/observations/0", 0.75, null, null, Tri.UNKNOWN, null);
    }

    @Test
    void observationsWithWireNames() {
        HandEvidence e = new HandEvidence();
        e.observations.add(observation("o1", Outcome.DEGRADED));
        assertEquals(List.of(new ObservationView("o1", "retrieval", 4096, 8192, "degraded", 4096, "worsens", 0.75, null)),
                CountsSection.observations(e.build()));
    }

    @Test
    void countTestWithItsBandTrend() {
        HandEvidence e = new HandEvidence();
        e.countTests.add(new CountTest(BUILD, "o1", "retrieval", "fisher", 3, 10, 9, 10, 0.3, 0.1, 0.6, 0.9, 0.6, 0.98, 0.0099, 0.05,
                Outcome.DEGRADED, 1));
        e.countTests.add(new CountTest(BUILD, "o2", "retrieval", "fisher", 9, 10, 9, 10, 0.9, 0.6, 0.98, 0.9, 0.6, 0.98, 1, 0.05,
                Outcome.PRESERVED, 1));
        e.bandTrends.add(new BandTrend(BUILD, "retrieval", List.of("o1"), -0.25, 0.01, Trend.WORSENS));
        List<CountTestView> views = CountsSection.countTests(e.build());
        CountTestView o1 = views.get(0);
        assertEquals("3/10", o1.counts());
        assertEquals("9/10", o1.baseline());
        assertEquals(List.of(0.1, 0.6), List.of(o1.rateInterval()[0], o1.rateInterval()[1]));
        assertEquals("worsens (slope -0.25 per doubling, p 0.01)", o1.trend());
        assertNull(views.get(1).trend(), "no band trend covers o2");
    }

    @Test
    void metricTestAndLoaderReading() {
        HandEvidence e = new HandEvidence();
        e.metricTests.add(new MetricTest(BUILD, "o3", "perplexity", "ppl", 12, 10, 0.2, 0.05, Outcome.DEGRADED, 1));
        e.loaderReadings.add(new LoaderReading(BUILD, "v4", 4, 1.1, 8192));
        assertEquals(List.of(new MetricTestView("o3", "perplexity", "ppl", 12, 10, 0.2, 0.05, "degraded", 1)), CountsSection.metricTests(e.build()));
        assertEquals(List.of(new LoaderReadingView("v4", 4, 1.1, 8192)), CountsSection.loaderReadings(e.build()));
    }

    @Test
    void keyNumbersOncePerSubjectAndRange() {
        HandEvidence e = new HandEvidence();
        e.subjects.add(new Subject("s-a", BUILD, SubjectRole.CANDIDATE, "h-alibi", null, "alibi", new AlibiSpec(8)));
        e.subjects.add(new Subject("s-t", BUILD, SubjectRole.CANDIDATE, "h-t5", null, "t5", new BucketSpec(32, 128, false)));
        e.distanceBands.add(new DistanceBand("s-a", BUILD, "o1", 4096, 8192, 16, 32, -1, -1, 0));
        e.distanceBands.add(new DistanceBand("s-a", BUILD, "o2", 4096, 8192, 16, 32, -1, -1, 0));
        e.distanceBands.add(new DistanceBand("s-t", BUILD, "o1", 4096, 8192, Double.NaN, Double.NaN, 31, 31, 1));
        assertEquals(List.of(
                new KeyNumber("h-alibi", "a key 4,096-8,192 tokens back costs at least 16 nats in every head (the gentlest head: 16 to 32 nats)"),
                new KeyNumber("h-t5", "keys 4,096-8,192 tokens back fall into bucket 31 (1 distinct): the same bias whatever the distance")),
                KeyNumbersSection.build(e.build()));
    }

    @Test
    void evidenceOfARopeAndAnAlibiSubject() {
        HandEvidence e = new HandEvidence();
        RopeMapping.Linear linear = new RopeMapping.Linear(10000, 2);
        e.subjects.add(new Subject("s-r", BUILD, SubjectRole.CANDIDATE, "h-rope", null, "rope", linear));
        e.subjects.add(new Subject("s-a", BUILD, SubjectRole.FIX, null, "fix-a", "alibi", new AlibiSpec(8)));
        e.ropeProfiles.add(new RopeProfile("s-r", BUILD, "linear", 4, 2, 10000, 10000, 2, 1, 0, 2, 4096, 8192));
        e.rotaryPairs.add(new RotaryPair("s-r", BUILD, 0, 1, 0.5, 6.283185307179586, 2, PairBand.LOCAL, 651.9, 1303.8, 0.5, 1, 2048));
        e.rotaryPairs.add(new RotaryPair("s-r", BUILD, 1, 0.01, 0.005, 628.3185307179586, 2, PairBand.LONG_RANGE, 6.5, 13, 0.5, 1, 2048));
        e.alibiProfiles.add(new AlibiProfile("s-a", BUILD, 8, List.of(0.5, 0.25), 0.25, 0.5, 20, 80L, 3, 12.5, 25, 4096, 8192));
        e.distanceBands.add(new DistanceBand("s-a", BUILD, "o1", 4096, 8192, 16, 32, -1, -1, 0));
        HandTrace t = new HandTrace();
        t.derive("r-f", "loss falls", new Finding("s-r", BUILD, "loss", 0.25, 4096));
        EvidenceView v = EvidenceSection.build(t.trace(), e.build());

        assertEquals(List.of(new EvidenceView.RopePair(0, 1, 6.283185307, 651.9, "local"),
                new EvidenceView.RopePair(1, 0.01, 628.3185307, 6.5, "long-range")), v.ropePairs());
        EvidenceView.SubjectEvidence rope = v.subjects().get(0);
        assertEquals("h-rope", rope.hypothesis());
        assertNull(rope.fix());
        assertEquals(List.of(2.0, 2.0), rope.scale());
        assertEquals(List.of(2048L, 2048L), rope.leavesTrainedRangeAt());
        assertNull(rope.slopes());
        // both pairs scaled by the full factor 2: none unscaled, none partially scaled
        assertEquals(Map.of("method", "linear", "base", 10000.0, "factor", 2.0, "max_position_embeddings", 8192, "attention_factor", 1.0,
                "unscaled_pairs", "", "partially_scaled_pairs", "", "fully_interpolated_pairs", "0-1"), rope.parameters());
        EvidenceView.SubjectEvidence alibi = v.subjects().get(1);
        assertEquals("fix-a", alibi.fix());
        assertNull(alibi.hypothesis());
        assertNull(alibi.scale());
        assertEquals(List.of(0.5, 0.25), alibi.slopes());
        assertEquals(80L, alibi.reachDistance());
        assertEquals(12.5, alibi.penaltyAtTrainedNats());
        assertNull(alibi.exactDistances());
        assertEquals(List.of(new EvidenceView.Band("s-a", "o1", 4096, 8192, 16.0, 32.0, null, null, null)), v.distanceBands());
        assertEquals(List.of(new EvidenceView.FindingRow("s-r", "loss", 0.25, 4096, "r-f", "loss falls")), v.findings());
    }

    @Test
    void pairRangesAreCompact() {
        List<RotaryPair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) pairs.add(new RotaryPair("s", BUILD, i, 1, 1, 1, i == 3 ? 2 : 1, PairBand.LOCAL, 1, 1, 1, 1, 0));
        assertEquals("0-2, 4-5", SubjectParameters.ranges(pairs, p -> p.scale() == 1));
        assertEquals("3", SubjectParameters.ranges(pairs, p -> p.scale() == 2));
        assertEquals("", SubjectParameters.ranges(pairs, p -> p.scale() == 3));
    }

    @Test
    void ropeScalingBlockOnlyForRopeSubjects() {
        HandEvidence e = new HandEvidence();
        Subject alibi = new Subject("s-a", BUILD, SubjectRole.FIX, null, "fix-a", "alibi", new AlibiSpec(8));
        assertNull(SubjectParameters.ropeScaling(alibi, e.build()));
        Subject rope = new Subject("s-r", BUILD, SubjectRole.FIX, null, "fix-r", "rope", new RopeMapping.Linear(10000, 4));
        assertEquals(Map.of("rope_type", "linear", "factor", 4.0), SubjectParameters.ropeScaling(rope, e.build()));
    }
}
