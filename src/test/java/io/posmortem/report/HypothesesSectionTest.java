package io.posmortem.report;

import static io.posmortem.report.HandTrace.BUILD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.Standing;
import io.posmortem.model.derived.Belief;
import io.posmortem.model.derived.Finding;
import io.posmortem.model.derived.HypothesisStatus;
import io.posmortem.model.derived.Support;
import io.posmortem.trace.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected value is read off the hand-written trace of the test. */
class HypothesesSectionTest {

    @Test
    void mostCertainFirstWithSupportsHeaviestFirstAndTheirBasis() {
        HandTrace t = new HandTrace();
        t.input(new Belief(BUILD, "q", "h-a", 0.3, 0.4, 0.1, 1));
        t.input(new Belief(BUILD, "q", "h-b", 0.8, 0.8, 0, 3));
        t.input(new Belief("other-build", "q", "h-c", 0.9, 0.9, 0, 1));
        t.input(new HypothesisStatus(BUILD, "h-b", Standing.DIAGNOSED));
        String finding = t.derive("r-finding", "o2 fell", new Finding("s1", BUILD, "loss", 1, 0));
        t.derive("r-big", "big support", new Support(BUILD, "h-b", "r-big", 0.6, "o2", "cap"), finding);
        t.derive("r-small", "small support", new Support(BUILD, "h-b", "r-small", 0.2, "o1", "cap"));
        t.derive("r-against", "against", new Support(BUILD, "h-b", "r-against", -0.4, "o3", "cap"));
        t.retracted("r-gone", "gone", new Support(BUILD, "h-b", "r-gone", 0.9, "o4", "cap"));
        Trace trace = t.trace();

        List<HypothesisView> views = HypothesesSection.build(trace, id -> "T " + id);

        assertEquals(List.of("h-b", "h-a"), views.stream().map(HypothesisView::id).toList());
        HypothesisView b = views.get(0);
        assertEquals("T h-b", b.title());
        assertEquals(0.8, b.score());
        assertEquals("diagnosed", b.status());
        assertEquals(List.of(new Reason("r-big", 0.6, "o2", "big support", List.of("o2 fell")),
                new Reason("r-small", 0.2, "o1", "small support", List.of())), b.supporting());
        assertEquals(List.of(new Reason("r-against", -0.4, "o3", "against", List.of())), b.opposing());
        HypothesisView a = views.get(1);
        assertEquals("unranked", a.status());
        assertEquals(List.of(), a.supporting());
    }

    @Test
    void equalCertaintiesAreOrderedById() {
        HandTrace t = new HandTrace();
        t.input(new Belief(BUILD, "q", "h-z", 0.5, 0.5, 0, 1));
        t.input(new Belief(BUILD, "q", "h-m", 0.5, 0.5, 0, 1));
        assertEquals(List.of("h-m", "h-z"), HypothesesSection.build(t.trace(), id -> id).stream().map(HypothesisView::id).toList());
    }
}
