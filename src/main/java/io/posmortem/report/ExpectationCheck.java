package io.posmortem.report;

import io.posmortem.model.Tri;
import io.posmortem.model.input.BuildExpectation;
import java.util.ArrayList;
import java.util.List;

/** Compares a report with a fixture's expectations; every unmet expectation is one failure line. */
public final class ExpectationCheck {
    private ExpectationCheck() {}

    public static List<String> failures(Report report, List<BuildExpectation> expectations) {
        List<String> out = new ArrayList<>();
        if (!Report.DIAGNOSED.equals(report.status())) {
            out.add("triage " + report.status() + ": " + report.errors().stream().map(p -> p.oneLine()).toList());
            return out;
        }
        for (BuildExpectation e : expectations) {
            BuildReport b = report.builds().stream().filter(x -> x.id().equals(e.build())).findFirst().orElse(null);
            if (b == null) {
                out.add(e.build() + ": no such build in the report");
                continue;
            }
            String where = e.build() + ": ";
            DiagnosisView d = b.diagnosis();
            String verdict = d == null ? "none" : d.verdict();
            String leader = d == null ? "none" : d.hypothesis();
            if (e.verdict() != null && !e.verdict().equals(verdict)) out.add(where + "verdict " + verdict + ", expected " + e.verdict());
            if (e.diagnosis() != null && !e.diagnosis().equals(leader)) out.add(where + "diagnosis " + leader + ", expected " + e.diagnosis());
            boolean concluded = verdict.equals("diagnosed") || verdict.equals("not-positional");
            for (String h : e.notDiagnosis()) {
                if (concluded && h.equals(leader)) out.add(where + h + " is the diagnosis, but must not be");
            }
            for (String h : e.rankedAbove()) {
                HypothesisView top = hypothesis(b, leader);
                HypothesisView other = hypothesis(b, h);
                if (other == null) out.add(where + h + " was not evaluated");
                else if (top == null || !(top.score() > other.score())) {
                    out.add(where + leader + " (" + (top == null ? "none" : top.score()) + ") must outrank " + h + " (" + other.score() + ")");
                }
            }
            for (String h : e.rejected()) {
                HypothesisView v = hypothesis(b, h);
                if (v == null) out.add(where + h + " was not evaluated");
                else if (!v.status().equals("rejected")) out.add(where + h + " must be rejected, is " + v.status() + " (" + v.score() + ")");
            }
            if (e.recommendation() != null) {
                String actual = b.recommendations().isEmpty() ? "none" : b.recommendations().get(0).id();
                if (!e.recommendation().equals(actual)) out.add(where + "recommendation " + actual + ", expected " + e.recommendation());
            }
            List<String> rejectedFixes = b.rejectedFixes().stream().map(RejectedFixView::id).toList();
            for (String f : e.rejectedFixes()) {
                if (!rejectedFixes.contains(f)) out.add(where + "fix " + f + " must be rejected; rejected: " + rejectedFixes);
            }
            // Rule ids that fired, and the ids of knowledge-base rows a generic rule weighed support with.
            List<String> fired = new ArrayList<>(b.reasoning().firings().stream().map(ReasoningView.FiringView::rule).toList());
            b.hypotheses().forEach(h -> {
                h.supporting().forEach(r -> fired.add(r.rule()));
                h.opposing().forEach(r -> fired.add(r.rule()));
            });
            for (String r : e.fires()) if (!fired.contains(r)) out.add(where + "rule " + r + " must fire");
            for (String r : e.silent()) if (fired.contains(r)) out.add(where + "rule " + r + " must stay silent");
            List<String> lint = b.configLint().stream().map(ConfigIssueView::rule).toList();
            for (String r : e.configLint()) if (!lint.contains(r)) out.add(where + "config lint " + r + " must report an issue; reported: " + lint);
            if (e.configClean() == Tri.YES) {
                for (ConfigIssueView i : b.configLint()) {
                    if (i.severity().equals("warning")) out.add(where + "config lint must be clean, but " + i.rule() + ": " + i.text());
                }
            }
        }
        return out;
    }

    private static HypothesisView hypothesis(BuildReport b, String id) {
        return b.hypotheses().stream().filter(h -> h.id().equals(id)).findFirst().orElse(null);
    }
}
