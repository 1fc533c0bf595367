package io.posmortem.report;

import io.posmortem.run.BuildRun;
import static io.posmortem.report.HandTrace.BUILD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.posmortem.model.derived.Finding;
import io.posmortem.model.derived.FixCheck;
import io.posmortem.model.derived.FixEffect;
import io.posmortem.model.derived.FixRejection;
import io.posmortem.model.derived.FixRisk;
import io.posmortem.model.derived.Recommendation;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.knowledge.SubjectRole;
import io.posmortem.model.positional.AlibiSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every expected value is read off the hand-written trace, evidence and knowledge entries of the test. */
class FixSectionTest {

    private static final Map<String, Object> ALIBI_8 = new LinkedHashMap<>(Map.of("method", "alibi"));

    static {
        ALIBI_8.put("heads", 8);
    }

    @Test
    void recommendationsByRankWithParametersFindingsAndChecks() {
        HandEvidence e = new HandEvidence();
        e.subjects.add(new Subject("s-x", BUILD, SubjectRole.FIX, null, "fix-x", "alibi", new AlibiSpec(8)));
        e.subjects.add(new Subject("s-y", BUILD, SubjectRole.FIX, null, "fix-y", "alibi", new AlibiSpec(8)));
        HandTrace t = new HandTrace();
        t.derive("r-rec", "recommend", new Recommendation(BUILD, "h", "fix-y", 2));
        t.derive("r-rec", "recommend", new Recommendation(BUILD, "h", "fix-x", 1));
        t.derive("r-find", "x keeps retrieval", new Finding("s-x", BUILD, "keeps", 1, 0));
        t.derive("r-check", "x restores o1", new FixCheck(BUILD, "fix-x", "o1", "cap", FixEffect.RESTORES));
        FixSection section = new FixSection(new BuildRun(null, e.build(), t.trace()),
                Map.of("fix-x", Knowledge.fix("fix-x"), "fix-y", Knowledge.fix("fix-y")), Map.of(), Map.of());

        List<RecommendationView> recs = section.recommendations();
        assertEquals(List.of("fix-x", "fix-y"), recs.stream().map(RecommendationView::id).toList());
        RecommendationView x = recs.get(0);
        assertEquals("Fix fix-x", x.title());
        assertEquals(ALIBI_8, x.parameters());
        assertNull(x.ropeScaling(), "an ALiBi fix has no rope_scaling block");
        assertEquals(List.of("x keeps retrieval"), x.predictedEvidence());
        assertEquals(List.of("x restores o1"), x.checks());
        assertEquals("recommend", x.conclusion());
        assertEquals(List.of(), section.rejected());
    }

    @Test
    void rejectedFixListsFailedChecksAndUncoveredRisksOnce() {
        HandEvidence e = new HandEvidence();
        e.subjects.add(new Subject("s-z", BUILD, SubjectRole.FIX, null, "fix-z", "alibi", new AlibiSpec(8)));
        HandTrace t = new HandTrace();
        t.derive("r-rej", "rejected", new FixRejection(BUILD, "h", "fix-z"));
        t.derive("r-check", "z breaks o1", new FixCheck(BUILD, "fix-z", "o1", "retrieval", FixEffect.BREAKS));
        t.derive("r-check", "z keeps o2", new FixCheck(BUILD, "fix-z", "o2", "summary", FixEffect.KEEPS));
        t.derive("r-risk", "z risks retrieval", new FixRisk(BUILD, "fix-z", "retrieval", 4096));
        t.derive("r-risk", "z risks counting", new FixRisk(BUILD, "fix-z", "counting", 8192));
        FixSection section = new FixSection(new BuildRun(null, e.build(), t.trace()), Map.of("fix-z", Knowledge.fix("fix-z")), Map.of(), Map.of());
        assertEquals(List.of(new RejectedFixView("fix-z", "Fix fix-z", ALIBI_8, List.of("z breaks o1", "z risks counting"))),
                section.rejected());
    }
}
