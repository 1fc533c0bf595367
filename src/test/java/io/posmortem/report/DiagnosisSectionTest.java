package io.posmortem.report;

import static io.posmortem.report.HandTrace.BUILD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.posmortem.model.Verdict;
import io.posmortem.model.derived.Diagnosis;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected value is read off the hand-written trace and knowledge entries of the test. */
class DiagnosisSectionTest {

    private static final List<Reason> BECAUSE = List.of(new Reason("r1", 0.6, "o1", "o1 fell", List.of()));
    private static final List<HypothesisView> HYPOTHESES = List.of(
            new HypothesisView("h-b", "Title h-b", 0.8, 0.8, 0, "diagnosed", BECAUSE, List.of()));

    @Test
    void diagnosisOfAKnownHypothesisCarriesItsSummaryAndReasons() {
        HandTrace t = new HandTrace();
        t.derive("r-diag", "h-b leads", new Diagnosis(BUILD, "q", "h-b", 0.8, Verdict.DIAGNOSED));
        DiagnosisView d = DiagnosisSection.build(t.trace(), "q", HYPOTHESES, Knowledge.causes(Knowledge.cause("h-b", false)));
        assertEquals(new DiagnosisView("h-b", "Title h-b", 0.8, "diagnosed", "summary h-b", "h-b leads", "check h-b", BECAUSE), d);
    }

    @Test
    void positionalHypothesisHasNoCheck() {
        HandTrace t = new HandTrace();
        t.derive("r-diag", "h-b leads", new Diagnosis(BUILD, "q", "h-b", 0.8, Verdict.DIAGNOSED));
        assertNull(DiagnosisSection.build(t.trace(), "q", HYPOTHESES, Knowledge.causes(Knowledge.cause("h-b", true))).check());
    }

    @Test
    void hypothesisTheKnowledgeBaseDoesNotListIsNoFault() {
        HandTrace t = new HandTrace();
        t.derive("r-none", "nothing degraded", new Diagnosis(BUILD, "q", "none", 0.9, Verdict.DIAGNOSED));
        DiagnosisView d = DiagnosisSection.build(t.trace(), "q", HYPOTHESES, Knowledge.causes());
        assertEquals(new DiagnosisView("none", "no fault", 0, "diagnosed", "No observation shows a degradation.", "nothing degraded",
                null, List.of()), d);
    }

    @Test
    void undecidedQuestionHasNoDiagnosis() {
        HandTrace t = new HandTrace();
        t.derive("r-diag", "other question", new Diagnosis(BUILD, "other", "h-b", 0.8, Verdict.DIAGNOSED));
        assertNull(DiagnosisSection.build(t.trace(), "q", HYPOTHESES, Knowledge.causes(Knowledge.cause("h-b", false))));
    }
}
