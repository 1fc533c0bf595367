package io.posmortem.report;

import static io.posmortem.report.HandTrace.BUILD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.Tri;
import io.posmortem.model.derived.ConfigIssue;
import io.posmortem.model.derived.Unchecked;
import io.posmortem.model.derived.UncheckedNote;
import io.posmortem.model.evidence.ChartSeries;
import io.posmortem.model.input.Retrofit;
import io.posmortem.model.knowledge.RetrofitKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sections that copy one kind of fact each: config findings, unchecked hypotheses, reasoning,
 * retrofit and charts. Every expected value is read off the hand-written input of the test.
 */
class SmallSectionsTest {

    @Test
    void configFindingsWarningsFirstThenByRuleAndPointer() {
        HandTrace t = new HandTrace();
        t.derive("r-b", "info b", new ConfigIssue(BUILD, "cfg-b", "info", "/a", "d1"));
        t.derive("r-w2", "warn z", new ConfigIssue(BUILD, "cfg-w", "warning", "/z", "d2"));
        t.derive("r-w1", "warn a", new ConfigIssue(BUILD, "cfg-w", "warning", "/a", "d3"));
        t.derive("r-o", "other build", new ConfigIssue("b2", "cfg-a", "warning", "/a", "d4"));
        assertEquals(List.of(new ConfigIssueView("cfg-w", "warning", "/a", "warn a", "d3"),
                new ConfigIssueView("cfg-w", "warning", "/z", "warn z", "d2"),
                new ConfigIssueView("cfg-b", "info", "/a", "info b", "d1")), ConfigFindingsSection.build(t.trace()));
    }

    @Test
    void uncheckedByHypothesisWithTheirNotes() {
        HandTrace t = new HandTrace();
        t.input(new Unchecked(BUILD, "h-z", "ask h-z"));
        t.input(new Unchecked(BUILD, "h-a", "the open part of ask h-a"));
        t.derive("r-note", "precision unknown", new UncheckedNote(BUILD, "h-a"));
        List<UncheckedView> views = UncheckedSection.build(t.trace(),
                Knowledge.causes(Knowledge.cause("h-a", true), Knowledge.cause("h-z", true)));
        assertEquals(List.of(new UncheckedView("h-a", "Title h-a", "the open part of ask h-a", List.of("precision unknown")),
                new UncheckedView("h-z", "Title h-z", "ask h-z", List.of())), views);
    }

    @Test
    void reasoningListsEveryFiringWithItsRule() {
        HandTrace t = new HandTrace();
        t.derive("r-one", "first", new UncheckedNote(BUILD, "h"));
        t.derive("r-two", "second", new UncheckedNote(BUILD, "h2"));
        t.derive("r-one", "first", new UncheckedNote(BUILD, "h3"));
        ReasoningView r = ReasoningSection.build(t.trace());
        // HandTrace numbers rule lines from 10 in order of first use and puts every rule in the matching layer
        assertEquals(new ReasoningView(2, 2, List.of(
                new ReasoningView.FiringView(1, "r-one", "matching", "rules/hand.drl", 10, "first"),
                new ReasoningView.FiringView(2, "r-two", "matching", "rules/hand.drl", 11, "second"),
                new ReasoningView.FiringView(3, "r-one", "matching", "rules/hand.drl", 10, "first"))), r);
    }

    @Test
    void retrofitTakesKindFromKnowledgeAndNumbersFromTheBuild() {
        RetrofitKind kind = new RetrofitKind("linear", "Linear interpolation", "rope", true, "h", List.of("h"), "rope", "d");
        Retrofit retrofit = new Retrofit("linear", 4.0000000000001, null, 16384, null, null, null, Tri.UNKNOWN, 0, "PI x4");
        // the factor is rounded to 10 significant digits (Numbers.round)
        assertEquals(new RetrofitView("linear", "Linear interpolation", true, 4.0, null, 4096, 16384, "PI x4"),
                RetrofitSection.build(kind, retrofit, 4096, 16384));
    }

    @Test
    void chartsRoundedToTenSignificantDigits() {
        HandEvidence e = new HandEvidence();
        e.charts.add(new ChartSeries(BUILD, "loss", "current", "nats", List.of(1.0, 2.0), List.of(0.12345678901234, 3.0)));
        assertEquals(List.of(new ChartView("loss", "current", "nats", List.of(1.0, 2.0), List.of(0.123456789, 3.0))),
                ChartsSection.build(e.build()));
    }
}
