package io.posmortem.report;

import static io.posmortem.report.HandTrace.BUILD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.Verdict;
import io.posmortem.model.derived.Diagnosis;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected value is read off the hand-written trace and knowledge entries of the test. */
class DiagnosisSectionTest {

    /** The knowledge base's conclusion.candidate-floor. */
    private static final double FLOOR = 0.005;
    private static final List<Reason> BECAUSE = List.of(new Reason("r1", 0.6, "o1", "o1 fell", List.of()));
    private static final List<HypothesisView> HYPOTHESES = List.of(
            new HypothesisView("h-b", "Title h-b", 0.8, 0.8, 0, "diagnosed", BECAUSE, List.of()));

    @Test
    void diagnosisOfAKnownHypothesisCarriesItsSummaryAndReasons() {
        HandTrace t = new HandTrace();
        t.derive("r-diag", "h-b leads", new Diagnosis(BUILD, "q", "h-b", 0.8, Verdict.DIAGNOSED));
        DiagnosisView d = DiagnosisSection.build(t.trace(), "q", HYPOTHESES, Knowledge.causes(Knowledge.cause("h-b", false)), FLOOR);
        assertEquals(new DiagnosisView("h-b", "Title h-b", 0.8, "diagnosed", "summary h-b", "h-b leads", "check h-b", BECAUSE,
                List.of(new CandidateView("h-b", "Title h-b", 0.8, "diagnosed"))), d);
        assertTrue(d.namesLeader());
    }

    @Test
    void positionalHypothesisHasNoCheck() {
        HandTrace t = new HandTrace();
        t.derive("r-diag", "h-b leads", new Diagnosis(BUILD, "q", "h-b", 0.8, Verdict.DIAGNOSED));
        assertNull(DiagnosisSection.build(t.trace(), "q", HYPOTHESES, Knowledge.causes(Knowledge.cause("h-b", true)), FLOOR).check());
    }

    @Test
    void hypothesisTheKnowledgeBaseDoesNotListIsNoFault() {
        HandTrace t = new HandTrace();
        t.derive("r-none", "nothing degraded", new Diagnosis(BUILD, "q", "none", 0.9, Verdict.DIAGNOSED));
        DiagnosisView d = DiagnosisSection.build(t.trace(), "q", HYPOTHESES, Knowledge.causes(), FLOOR);
        assertEquals(new DiagnosisView("none", "no fault", 0, "diagnosed", "No observation shows a degradation.", "nothing degraded",
                null, List.of(), List.of()), d);
        assertFalse(d.namesLeader(), "no candidates for a no-fault answer");
    }

    @Test
    void undecidedQuestionHasNoDiagnosis() {
        HandTrace t = new HandTrace();
        t.derive("r-diag", "other question", new Diagnosis(BUILD, "other", "h-b", 0.8, Verdict.DIAGNOSED));
        assertNull(DiagnosisSection.build(t.trace(), "q", HYPOTHESES, Knowledge.causes(Knowledge.cause("h-b", false)), FLOOR));
    }

    /** Not explained: the best belief is 0 (nothing spoke for it), so neither it nor h-c (-0.4) is a candidate. */
    @Test
    void notExplainedNamesNoCandidate() {
        HandTrace t = new HandTrace();
        t.derive("r-ne", "nothing fits", new Diagnosis(BUILD, "q", "h-a", 0.0, Verdict.NOT_EXPLAINED));
        List<HypothesisView> hypotheses = List.of(
                new HypothesisView("h-a", "Title h-a", 0.0, 0, 0, "plausible", List.of(), List.of()),
                new HypothesisView("h-b", "Title h-b", 0.004, 0.004, 0, "plausible", List.of(), List.of()),
                new HypothesisView("h-c", "Title h-c", -0.4, 0, 0.4, "rejected", List.of(), List.of()));
        DiagnosisView d = DiagnosisSection.build(t.trace(), "q", hypotheses,
                Knowledge.causes(Knowledge.cause("h-a", true), Knowledge.cause("h-b", true), Knowledge.cause("h-c", true)), FLOOR);
        assertEquals(List.of(), d.candidates(), "0.004 is under the 0.005 floor");
        assertFalse(d.namesLeader());
    }

    /** A report archived by a posmortem without candidates[] reads back with null: shown as it was, leader named unless no-fault. */
    @Test
    void aReportWithoutCandidatesNamesItsLeaderAsBefore() {
        assertTrue(new DiagnosisView("h-b", "Title h-b", 0.8, "diagnosed", "s", "c", null, List.of(), null).namesLeader());
        assertFalse(new DiagnosisView("none", "no fault", 0, "no-fault", "s", "c", null, List.of(), null).namesLeader());
    }
}
