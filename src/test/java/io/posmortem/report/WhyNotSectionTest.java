package io.posmortem.report;

import static io.posmortem.report.HandTrace.BUILD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.derived.RunnerUp;
import io.posmortem.model.derived.StatedReadingRejected;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected value is read off the hand-written trace and knowledge entries of the test. */
class WhyNotSectionTest {

    private static final List<Reason> AGAINST = List.of(new Reason("r-no", -0.5, "o1", "o1 held", List.of()));
    private static final List<HypothesisView> HYPOTHESES = List.of(
            new HypothesisView("h-lead", "Title h-lead", 0.8, 0.8, 0, "diagnosed", List.of(), List.of()),
            new HypothesisView("h-stated", "Title h-stated", 0.1, 0.3, 0.2, "rejected", List.of(), AGAINST),
            new HypothesisView("h-runner", "Title h-runner", 0.4, 0.4, 0, "plausible", List.of(), List.of()));

    @Test
    void statedReadingFirstThenRunnerUp() {
        HandTrace t = new HandTrace();
        t.derive("r-stated", "the stated reading is rejected", new StatedReadingRejected(BUILD, "h-stated", "h-lead"));
        t.derive("r-runner", "h-runner is the runner-up", new RunnerUp(BUILD, "h-runner", 0.4));
        List<WhyNotView> views = WhyNotSection.build(t.trace(), "q", HYPOTHESES,
                Knowledge.causes(Knowledge.cause("h-lead", true), Knowledge.cause("h-stated", true), Knowledge.cause("h-runner", true)));
        assertEquals(List.of(
                new WhyNotView("h-stated", "Title h-stated", 0.1, "rejected", true, "limit h-stated", "the stated reading is rejected", AGAINST),
                new WhyNotView("h-runner", "Title h-runner", 0.4, "plausible", false, "limit h-runner", "h-runner is the runner-up", List.of())), views);
    }

    /** Without a rejection from the rules, a stated reading (leading, co-leading, or in a no-fault build) is not listed. */
    @Test
    void statedReadingTheRulesDidNotRejectIsNotListed() {
        HandTrace t = new HandTrace();
        List<WhyNotView> views = WhyNotSection.build(t.trace(), "q", HYPOTHESES,
                Knowledge.causes(Knowledge.cause("h-lead", true)));
        assertEquals(List.of(), views);
    }

    /** A runner-up that is also the stated reading, not rejected, is listed once, as a runner-up. */
    @Test
    void runnerUpThatIsTheStatedReadingIsNotCalledRejected() {
        HandTrace t = new HandTrace();
        t.derive("r-runner", "h-stated is the runner-up", new RunnerUp(BUILD, "h-stated", 0.1));
        List<WhyNotView> views = WhyNotSection.build(t.trace(), "q", HYPOTHESES,
                Knowledge.causes(Knowledge.cause("h-lead", true), Knowledge.cause("h-stated", true)));
        assertEquals(List.of(new WhyNotView("h-stated", "Title h-stated", 0.1, "rejected", false, "limit h-stated",
                "h-stated is the runner-up", AGAINST)), views);
    }
}
