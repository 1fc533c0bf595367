package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.Problem;
import io.posmortem.model.input.Assumption;
import java.util.List;

/**
 * The report as Markdown, for an incident ticket: a summary table of the builds, then per build
 * the answer and the fix with its parameters, the reasons, why not the runner-up, the ranking, the
 * counts and the assumptions; the fingerprint and how to get the full trace last.
 */
public final class MarkdownRenderer {
    private MarkdownRenderer() {}

    /**
     * The report as Markdown. User strings stay on one line (a title with a line break cannot start
     * a heading) without controls or bidi overrides ({@link DisplayText}); the whole page is cleaned
     * again before it is returned.
     */
    public static String render(Report report) {
        return DisplayText.text(renderRaw(report));
    }

    private static String renderRaw(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("# posmortem: ").append(report.title() == null ? DisplayText.line(report.input()) : escape(report.title())).append("\n\n");
        out.append("Input ").append(code(report.input())).append(", posmortem ").append(report.version()).append(".\n\n");
        if (!Report.DIAGNOSED.equals(report.status())) {
            out.append("**").append(report.status().toUpperCase(java.util.Locale.ROOT)).append("**: ")
                    .append(report.errors().size()).append(" problem(s)\n\n");
            for (Problem p : report.errors()) out.append("- ").append(code(p.oneLine())).append("\n");
            return out.toString();
        }
        out.append("| build | verdict | answer | confidence | fix |\n| --- | --- | --- | --- | --- |\n");
        for (BuildReport b : report.builds()) {
            DiagnosisView d = b.diagnosis();
            out.append("| ").append(b.id()).append(" | ").append(d == null ? "none" : d.verdict()).append(" | ")
                    .append(d == null ? "" : d.namesLeader() ? "`" + d.hypothesis() + "`" : d.verdict().equals("no-fault") ? "" : TextRenderer.NO_CANDIDATE).append(" | ")
                    .append(d == null || !d.namesLeader() ? "" : Numbers.fixed(d.confidence(), 2)).append(" | ")
                    .append(b.recommendations().isEmpty() ? (d != null && d.check() != null ? "check: " + escape(d.check()) : "none")
                            : "`" + b.recommendations().get(0).id() + "`"
                            + (b.recommendations().get(0).verification().equals("instruction") ? " (check-and-change)" : "")).append(" |\n");
        }
        for (BuildReport b : report.builds()) build(out, b);
        List<Assumption> shared = report.assumptions().stream().filter(a -> a.pointer().startsWith("/model")).toList();
        if (!shared.isEmpty()) {
            out.append("\n## Assumed for the model\n\n");
            for (Assumption a : shared) out.append("- `").append(a.pointer()).append("` = ").append(a.value()).append(" (").append(escape(a.basis())).append(")\n");
        }
        out.append("\n---\nRules `").append(shorten(report.rules())).append("`, knowledge base `").append(shorten(report.knowledgeBase()))
                .append(report.pack() == null ? "`" : "` (" + report.pack() + ")").append(". Full trace: ").append(code("posmortem triage --trace trace.json " + report.input())).append("; ")
                .append("derivations: ").append(code("posmortem explain " + report.input())).append(".\n");
        return out.toString();
    }

    private static void build(StringBuilder out, BuildReport b) {
        out.append("\n## ").append(DisplayText.line(b.id())).append(b.title() == null ? "" : ": " + escape(b.title())).append("\n\n");
        RetrofitView r = b.retrofit();
        out.append("Retrofit `").append(r.kind()).append("`").append(r.statedLoosely() ? " (stated loosely)" : "").append(", ")
                .append(Numbers.format(r.trainedContext())).append(" -> ").append(Numbers.format(r.targetContext()))
                .append(" tokens, factor ").append(Numbers.format(r.factor())).append(".\n\n");
        DiagnosisView d = b.diagnosis();
        if (d == null) {
            out.append("No conclusion.\n");
            return;
        }
        String head = switch (d.verdict()) {
            case "diagnosed" -> "Diagnosis";
            case "not-positional" -> "Not positional";
            case "no-fault" -> "No fault";
            case "insufficient-evidence" -> "Insufficient evidence, leading";
            default -> "Not explained";
        };
        if (d.namesLeader()) {
            out.append("**").append(head).append(":** `").append(d.hypothesis()).append("` (").append(escape(d.title()))
                    .append("), confidence ").append(Numbers.fixed(d.confidence(), 2)).append("\n\n");
        } else if (!d.verdict().equals("no-fault")) {
            out.append("**").append(head).append(":** ").append(TextRenderer.NO_CANDIDATE).append("\n\n");
        } else {
            out.append("**").append(head).append("**\n\n");
        }
        if (d.namesLeader() || d.verdict().equals("no-fault")) out.append(escape(d.summary())).append("\n\n");
        if (d.check() != null) out.append("**Check:** ").append(escape(d.check())).append("\n\n");
        for (String s : b.discriminators()) out.append("**To decide:** ").append(escape(s)).append("\n\n");
        if (!d.verdict().equals("diagnosed") && !d.verdict().equals("not-positional")) {
            for (UncheckedView u : b.unchecked()) {
                out.append("- not checked: `").append(u.hypothesis()).append("`: ").append(escape(u.ask())).append('\n');
                for (String n : u.numbers()) out.append("  - ").append(escape(n)).append('\n');
            }
            if (!b.unchecked().isEmpty()) out.append('\n');
        }
        for (RecommendationView rec : b.recommendations()) {
            out.append("### ").append(rec.rank() == 0 ? "Fix" : "Alternative fix").append(": `").append(rec.id()).append("` - ")
                    .append(escape(rec.title())).append("\n\n");
            out.append("*").append(escape(rec.verifiedBy())).append("*\n\n");
            if (rec.ropeScaling() != null) out.append("```json\n").append(InlineJson.block(rec.ropeScaling())).append("\n```\n\n");
            if (!rec.parameters().isEmpty()) {
                out.append("| parameter | value |\n| --- | --- |\n");
                rec.parameters().forEach((k, v) -> out.append("| ").append(k).append(" | ").append(value(v)).append(" |\n"));
                out.append('\n');
            }
            if (rec.verification().equals("instruction")) {
                String note = TextRenderer.settingsNote(rec);
                if (note != null) out.append(escape(note)).append("\n\n");
                out.append("| engine | change | check after it | source |\n| --- | --- | --- | --- |\n");
                for (RecommendationView.SettingView st : rec.settings()) {
                    out.append("| ").append(escape(st.engineName())).append(" | ").append(escape(st.change())).append(" | ")
                            .append(escape(st.check())).append(" | ").append(st.url() == null ? escape(st.reference()) : st.url()).append(" |\n");
                }
                out.append('\n');
            }
            for (String e : rec.predictedEvidence()) out.append("- predicted: ").append(escape(e)).append('\n');
            for (String c : rec.checks()) out.append("- check: ").append(escape(c)).append('\n');
            out.append("- note: ").append(escape(rec.caveat())).append("\n\n");
        }
        boolean concluded = d != null && (d.verdict().equals("diagnosed") || d.verdict().equals("not-positional"));
        if (b.recommendations().isEmpty() && concluded) {
            out.append("### Fix: none\n\nNo fix in the knowledge base passed its checks or applies to this build.\n\n");
            for (String n : b.notApplicableFixes()) out.append("- ").append(escape(n)).append('\n');
            if (!b.notApplicableFixes().isEmpty()) out.append('\n');
        }
        if (!d.because().isEmpty()) {
            out.append("### Why\n\n");
            reasons(out, d.because());
        }
        for (WhyNotView w : b.whyNot()) {
            out.append("### Why not `").append(w.hypothesis()).append("` (score ").append(Numbers.fixed(w.score(), 2)).append(", ")
                    .append(w.status()).append(")\n\n");
            if (w.limit() != null) out.append(escape(w.limit())).append("\n\n");
            reasons(out, w.against());
        }
        for (RejectedFixView rej : b.rejectedFixes()) {
            out.append("### Rejected fix: `").append(rej.id()).append("`\n\n");
            for (String f : rej.failures()) out.append("- ").append(escape(f)).append('\n');
            out.append('\n');
        }
        out.append("### Hypotheses\n\n| score | status | hypothesis |\n| --- | --- | --- |\n");
        for (HypothesisView h : b.hypotheses()) {
            out.append("| ").append(String.format(java.util.Locale.ROOT, "%+.3f", h.score())).append(" | ").append(h.status())
                    .append(" | `").append(h.id()).append("` ").append(escape(h.title())).append(" |\n");
        }
        if (!b.countTests().isEmpty()) {
            out.append("\n### Counts\n\n| observation | build | baseline | p | outcome | strength | trend |\n| --- | --- | --- | --- | --- | --- | --- |\n");
            for (CountTestView t : b.countTests()) {
                out.append("| ").append(t.observation()).append(" (").append(t.capability()).append(")").append(escape(TextRenderer.sourceOf(b, t.observation())))
                        .append(" | ").append(t.counts()).append(" = ")
                        .append(Numbers.format(t.rate())).append(" [").append(Numbers.format(t.rateInterval()[0])).append(", ")
                        .append(Numbers.format(t.rateInterval()[1])).append("] | ").append(t.baseline()).append(" = ")
                        .append(Numbers.format(t.baselineRate())).append(" | ").append(TextRenderer.pValue(t.pValue())).append(" | ")
                        .append(t.outcome()).append(" | ").append(Numbers.format(t.strength())).append(" | ")
                        .append(t.trend() == null ? "" : t.trend()).append(" |\n");
            }
        }
        if (!b.keyNumbers().isEmpty()) {
            out.append("\n### Numbers on the observed bands\n\n");
            for (KeyNumber k : b.keyNumbers()) out.append("- `").append(k.about()).append("`: ").append(escape(k.text())).append('\n');
        }
        List<Assumption> own = b.assumptions().stream().filter(a -> !a.pointer().startsWith("/model")).toList();
        if (!own.isEmpty()) {
            out.append("\n### Assumed for this build\n\n");
            for (Assumption a : own) out.append("- `").append(a.pointer()).append("` = ").append(a.value()).append(" (").append(escape(a.basis())).append(")\n");
        }
        out.append("\n").append(b.reasoning().firings().size()).append(" rule firings (").append(b.reasoning().rulesFired())
                .append(" of ").append(b.reasoning().rulesInPack()).append(" rules fired).\n");
    }

    private static void reasons(StringBuilder out, List<Reason> reasons) {
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (Reason reason : reasons) {
            out.append("- ").append(escape(reason.text())).append(" (`").append(reason.rule()).append("`, ")
                    .append(reason.weight() >= 0 ? "+" : "").append(Numbers.format(reason.weight())).append(")\n");
            for (String basis : reason.basis()) {
                if (shown.add(basis)) out.append("  - because ").append(escape(basis)).append('\n');
            }
        }
        out.append('\n');
    }

    private static String value(Object v) {
        if (v instanceof Number n) return Numbers.format(n.doubleValue());
        return escape(String.valueOf(v));
    }

    private static String shorten(String sha) {
        return sha == null ? "" : sha.substring(0, Math.min(12, sha.length()));
    }

    /** A code span: one line of text, with a longer fence when the text itself holds a backtick. */
    static String code(String text) {
        String t = DisplayText.line(text);
        return t.contains("`") ? "`` " + t + " ``" : "`" + t + "`";
    }

    /** One line of user text with the characters Markdown would read as table cells or emphasis escaped. */
    static String escape(String text) {
        if (text == null) return "";
        return DisplayText.line(text).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
    }
}
