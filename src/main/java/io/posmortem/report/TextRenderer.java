package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.Problem;
import io.posmortem.model.input.Assumption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report for a terminal: per build the answer first (diagnosis, fix with parameters), then
 * why (each reason with what it rests on), then the ranking and key numbers, then assumptions and
 * where to read the full trace.
 */
public final class TextRenderer {
    private static final int WIDTH = 100;

    /** What a verdict says instead of naming a hypothesis whose certainty is not above the candidate floor. */
    static final String NO_CANDIDATE = "no candidate mechanism has positive support";

    private TextRenderer() {}

    /**
     * The report as text. User strings are shown on one line each, without controls or bidi
     * overrides ({@link DisplayText}); the whole report is cleaned again before it is returned.
     */
    public static String render(Report report) {
        return DisplayText.text(renderRaw(report));
    }

    private static String renderRaw(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("posmortem ").append(report.version()).append(" - ").append(DisplayText.line(report.input())).append('\n');
        if (!Report.DIAGNOSED.equals(report.status())) {
            out.append(report.status().toUpperCase(java.util.Locale.ROOT)).append(": ")
                    .append(report.errors().size()).append(" problem(s)\n");
            for (Problem p : report.errors()) wrap(out, "  ", p.oneLine());
            return out.toString();
        }
        if (report.title() != null) out.append(DisplayText.line(report.title())).append('\n');
        out.append('\n');
        for (BuildReport b : report.builds()) summary(out, b);
        for (BuildReport b : report.builds()) build(out, b);
        List<Assumption> shared = report.assumptions().stream().filter(a -> a.pointer().startsWith("/model")).toList();
        if (!shared.isEmpty()) {
            out.append('\n').append("assumed for the model (not in the file):\n");
            for (Assumption a : shared) wrap(out, "  ", a.pointer() + " = " + a.value() + " (" + a.basis() + ")");
        }
        return out.toString();
    }

    /** One line per build: verdict, answer, confidence, fix. */
    private static void summary(StringBuilder out, BuildReport b) {
        DiagnosisView d = b.diagnosis();
        String answer = d == null ? "no conclusion" : !d.namesLeader() ? d.verdict() + ": " + NO_CANDIDATE
                : d.verdict() + ": " + d.hypothesis() + " (" + Numbers.fixed(d.confidence(), 2) + ")";
        if (d != null && d.verdict().equals("no-fault")) {
            wrap(out, "", b.id() + "  no-fault: no observation shows a degradation" + (b.configLint().isEmpty() ? ""
                    : "; config lint: " + b.configLint().size() + " issue(s)"));
            return;
        }
        String fix = b.recommendations().isEmpty() ? "no fix" : "fix: " + b.recommendations().get(0).id()
                + (b.recommendations().get(0).verification().equals("instruction") ? " (check-and-change)" : "");
        if (d != null && d.check() != null) {
            wrap(out, "", b.id() + "  " + answer + "; not the positional encoding - check: " + d.check()
                    + (b.recommendations().isEmpty() ? "" : "; " + fix));
            return;
        }
        wrap(out, "", b.id() + "  " + answer + "; " + fix);
    }

    /**
     * Which settings an instruction shows: null when they are the build's engine's; otherwise that
     * they are every engine's (the build names no known engine, or one the fix has no setting for).
     */
    static String settingsNote(RecommendationView rec) {
        boolean own = rec.engine() != null && rec.settings().stream().allMatch(s -> s.engine().equals(rec.engine()));
        if (own) return null;
        return rec.engine() == null ? "settings per engine (the build names no engine posmortem knows):"
                : "no setting recorded for engine " + rec.engine() + "; the settings of the engines posmortem knows:";
    }

    private static void build(StringBuilder out, BuildReport b) {
        out.append('\n').append("== ").append(DisplayText.line(b.id())).append(b.title() == null ? "" : ": " + DisplayText.line(b.title())).append('\n');
        RetrofitView r = b.retrofit();
        wrap(out, "   ", "retrofit: " + r.kind() + (r.statedLoosely() ? " (stated loosely)" : "") + ", "
                + Numbers.format(r.trainedContext()) + " -> " + Numbers.format(r.targetContext()) + " tokens, factor "
                + Numbers.format(r.factor()) + (r.newBase() == null ? "" : ", new base " + Numbers.format(r.newBase())));
        for (ConfigIssueView i : b.configLint()) {
            wrap(out, "   ", "CONFIG " + i.severity() + " " + i.pointer() + ": " + i.text() + (i.detail() == null || i.detail().isEmpty() ? "" : " - " + i.detail())
                    + " [" + i.rule() + "]");
        }
        for (LoaderReadingView l : b.loaderReadings()) {
            wrap(out, "     ", l.generation() + " reads factor " + Numbers.format(l.factor()) + ", attention factor "
                    + Numbers.format(l.attentionFactor()) + ", correction range over " + Numbers.format(l.correctionContext()) + " tokens");
        }
        out.append('\n');
        DiagnosisView d = b.diagnosis();
        if (d == null) {
            out.append("   NO CONCLUSION: no conclusion rule fired for this build\n");
        } else {
            String head = switch (d.verdict()) {
                case "diagnosed" -> "DIAGNOSIS";
                case "not-positional" -> "NOT POSITIONAL - diagnosis";
                case "no-fault" -> "NO FAULT";
                case "insufficient-evidence" -> "INSUFFICIENT EVIDENCE - leading";
                default -> "NOT EXPLAINED by the candidate mechanisms";
            };
            if (d.verdict().equals("no-fault")) wrap(out, "   ", head + ": " + d.summary());
            else if (!d.namesLeader()) wrap(out, "   ", head + ": " + NO_CANDIDATE);
            else wrap(out, "   ", head + ": " + d.hypothesis() + " (" + d.title() + "), confidence " + Numbers.fixed(d.confidence(), 2));
            if (d.check() != null) wrap(out, "   ", "CHECK: " + d.check());
            if (!b.recommendations().isEmpty()) {
                RecommendationView fix = b.recommendations().get(0);
                wrap(out, "   ", "FIX: " + fix.id() + (fix.ropeScaling() == null ? "" : ", rope_scaling " + InlineJson.line(fix.ropeScaling()))
                        + (fix.verification().equals("instruction") ? " (check-and-change, details below)" : " (details below)"));
            }
            for (WhyNotView w : b.whyNot()) {
                if (w.statedReading()) wrap(out, "   ", "NOT " + w.hypothesis() + ", the literal reading of '" + b.retrofit().kind()
                        + "' (score " + Numbers.fixed(w.score(), 2) + ")");
            }
            for (String s : b.discriminators()) wrap(out, "   ", "TO DECIDE: " + s);
            boolean decided = d.verdict().equals("diagnosed") || d.verdict().equals("not-positional") || d.verdict().equals("no-fault");
            for (UncheckedView u : b.unchecked()) {
                // A decided build still shows a candidate it could not check when numbers say it could fit.
                if (decided && u.numbers().isEmpty()) continue;
                wrap(out, "   ", "NOT CHECKED: " + u.hypothesis() + " - " + u.ask());
                for (String n : u.numbers()) wrap(out, "     ", n);
            }
            out.append('\n');
            wrap(out, "   ", d.conclusion());
            if (!d.because().isEmpty()) {
                out.append("   why:\n");
                reasons(out, d.because(), "+");
            }
        }
        for (WhyNotView w : b.whyNot()) {
            out.append('\n');
            wrap(out, "   ", "why not " + w.hypothesis() + " (" + w.title() + "), score " + Numbers.fixed(w.score(), 2) + ", "
                    + w.status() + (w.statedReading() ? "; the literal reading of retrofit '" + b.retrofit().kind() + "'" : "") + ":");
            if (w.limit() != null) wrap(out, "     ", w.limit());
            reasons(out, w.against(), "-");
        }
        if (b.whatIf() != null) {
            WhatIfView w = b.whatIf();
            out.append('\n');
            wrap(out, "   ", "WHAT IF rope_scaling " + InlineJson.line(w.ropeScaling()) + " (against " + w.comparedWith() + "): "
                    + (w.fixesEveryDegradation() ? "restores every degraded observation and breaks none" : "does not fix the build"));
            for (String f : w.disappear()) wrap(out, "     - gone: ", f);
            for (String f : w.appear()) wrap(out, "     + new:  ", f);
            for (String c : w.checks()) wrap(out, "       ", c);
        }
        for (RecommendationView rec : b.recommendations()) {
            out.append('\n');
            wrap(out, "   ", (rec.rank() == 0 ? "FIX  " : "ALTERNATIVE FIX  ") + rec.id() + " - " + rec.title());
            wrap(out, "        ", rec.verifiedBy());
            if (rec.ropeScaling() != null) wrap(out, "        ", "rope_scaling: " + InlineJson.line(rec.ropeScaling()));
            if (!rec.parameters().isEmpty()) wrap(out, "        ", "parameters: " + parameters(rec.parameters()));
            for (String e : rec.predictedEvidence()) wrap(out, "        ", "predicted: " + e);
            for (String c : rec.checks()) wrap(out, "        ", "check: " + c);
            if (rec.verification().equals("instruction")) {
                String note = settingsNote(rec);
                if (note != null) wrap(out, "        ", note);
                for (RecommendationView.SettingView st : rec.settings()) {
                    wrap(out, "        ", st.engineName() + ": " + st.change());
                    wrap(out, "          ", "after: " + st.check());
                    if (st.url() != null) wrap(out, "          ", "source: " + st.url());
                }
            }
            wrap(out, "        ", "note: " + rec.caveat());
        }
        boolean concluded = d != null && (d.verdict().equals("diagnosed") || d.verdict().equals("not-positional"));
        if (b.recommendations().isEmpty() && concluded) {
            out.append('\n').append("   FIX  none: no fix in the knowledge base passed its checks or applies to this build\n");
            for (String n : b.notApplicableFixes()) wrap(out, "        ", "- " + n);
        }
        for (RejectedFixView rej : b.rejectedFixes()) {
            wrap(out, "   ", "rejected fix: " + rej.id() + " - " + rej.title());
            for (String f : rej.failures()) wrap(out, "        ", "- " + f);
        }
        out.append('\n').append("   hypotheses (").append(b.question()).append("):\n");
        for (HypothesisView h : b.hypotheses()) {
            out.append(String.format(java.util.Locale.ROOT, "     %+.3f  %-10s %s - %s%n", h.score(), h.status(), h.id(), DisplayText.line(h.title())));
        }
        if (!b.countTests().isEmpty()) {
            out.append("   counts (").append(b.countTests().get(0).test()).append(", alpha ")
                    .append(Numbers.format(b.countTests().get(0).alpha())).append("):\n");
            for (CountTestView t : b.countTests()) {
                wrap(out, "     ", t.observation() + " (" + t.capability() + "): " + t.counts() + " = " + Numbers.format(t.rate())
                        + " [" + Numbers.format(t.rateInterval()[0]) + ", " + Numbers.format(t.rateInterval()[1]) + "] vs baseline "
                        + t.baseline() + " = " + Numbers.format(t.baselineRate()) + " [" + Numbers.format(t.baselineInterval()[0])
                        + ", " + Numbers.format(t.baselineInterval()[1]) + "], p = " + pValue(t.pValue()) + ": "
                        + t.outcome() + ", strength " + Numbers.format(t.strength()) + (t.trend() == null ? "" : "; trend " + t.trend())
                        + sourceOf(b, t.observation()));
            }
        }
        if (!b.metricTests().isEmpty()) {
            out.append("   metrics (change against the baseline, worse when positive):\n");
            for (MetricTestView t : b.metricTests()) {
                wrap(out, "     ", t.observation() + " (" + t.capability() + "): " + t.metric() + " " + Numbers.format(t.value())
                        + " vs baseline " + Numbers.format(t.baseline()) + " = " + String.format(java.util.Locale.ROOT, "%+.1f%%", 100 * t.relativeWorsening())
                        + " worse (a change needs more than " + Numbers.format(100 * t.minChange()) + "%): " + t.outcome()
                        + ", strength " + Numbers.format(t.strength()) + sourceOf(b, t.observation()));
            }
        }
        if (!b.keyNumbers().isEmpty()) {
            out.append("   numbers on the observed bands:\n");
            for (KeyNumber k : b.keyNumbers()) wrap(out, "     ", k.about() + ": " + k.text());
        }
        List<Assumption> own = b.assumptions().stream().filter(a -> !a.pointer().startsWith("/model")).toList();
        if (!own.isEmpty()) {
            out.append("   assumed for this build (not in the file):\n");
            for (Assumption a : own) wrap(out, "     ", a.pointer() + " = " + a.value() + " (" + a.basis() + ")");
        }
        ReasoningView rv = b.reasoning();
        wrap(out, "   ", rv.firings().size() + " rule firings (" + rv.rulesFired() + " of " + rv.rulesInPack()
                + " rules fired); every firing with its numbers: --format json");
    }

    /** Each reason with its rule and weight, then what it rests on; a basis already shown in this list is not repeated. */
    private static void reasons(StringBuilder out, List<Reason> reasons, String sign) {
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (Reason reason : reasons) {
            wrap(out, "     " + sign + " ", reason.text() + " [" + reason.rule() + ", " + signed(reason.weight()) + "]");
            for (String basis : reason.basis()) {
                if (shown.add(basis)) wrap(out, "         <- ", basis);
            }
        }
    }

    /** A p-value: plain above 0.001, else in scientific notation with two significant digits. */
    static String pValue(double p) {
        return p >= 0.001 ? Numbers.format(p) : String.format(java.util.Locale.ROOT, "%.2g", p);
    }

    private static String signed(double w) {
        return (w >= 0 ? "+" : "") + Numbers.format(w);
    }

    private static String parameters(Map<String, Object> params) {
        return params.entrySet().stream()
                .filter(e -> !(e.getValue() instanceof String s && s.isEmpty()))
                .map(e -> e.getKey() + " " + value(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String value(Object v) {
        if (v instanceof Double d) return Numbers.format(d);
        if (v instanceof Number n) return Numbers.format(n.doubleValue());
        return String.valueOf(v);
    }

    /** Appends {@code text} word-wrapped to {@link #WIDTH}, the first line after {@code prefix}, the rest aligned under it. */
    static void wrap(StringBuilder out, String prefix, String text) {
        text = DisplayText.line(text);
        String indent = " ".repeat(prefix.length());
        int width = Math.max(40, WIDTH - prefix.length());
        StringBuilder line = new StringBuilder();
        boolean first = true;
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.append(first ? prefix : indent).append(line).append('\n');
                line.setLength(0);
                first = false;
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        out.append(first ? prefix : indent).append(line).append('\n');
    }

    /** Where an imported observation came from, as the end of its counts or metric line (user strings made safe). */
    static String sourceOf(BuildReport b, String observation) {
        return b.observations().stream().filter(o -> o.id().equals(observation)).findFirst()
                .map(o -> DisplayText.line(o.sourceSuffix())).orElse("");
    }
}
