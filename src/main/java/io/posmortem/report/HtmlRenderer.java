package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.Problem;
import io.posmortem.model.input.Assumption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page (inline CSS and SVG, no scripts, no external assets):
 * per build the answer and fix first, then plots of the mechanism, the reasons, the ranking,
 * the counts and the assumptions. Plots: for RoPE builds the scale each candidate mapping and fix
 * applies to each rotary pair against its wavelength, with the trained and target windows; for
 * relative-bias builds the penalty or bucket against distance and the attention share an early
 * span keeps as the context grows; for every build the observations by context band.
 */
public final class HtmlRenderer {
    private HtmlRenderer() {}

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}h3{font-size:1.05em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#f4f4f4}code{background:#f4f4f4;padding:0 .2em}.answer{font-size:1.1em;padding:.6em;border-left:4px solid #1f77b4;background:#f7fbff}
            .np{border-left-color:#ff7f0e}.undecided{border-left-color:#7f7f7f}.basis{color:#555;font-size:.92em}
            .ct{font-size:13px;font-weight:600}.tl{font-size:10px;fill:#333}.al{font-size:11px;fill:#333}
            .frame{fill:none;stroke:#999}.grid{stroke:#eee}.tick{stroke:#999}.marker{stroke:#555;stroke-dasharray:3 3}
            .degraded{fill:#d62728}.preserved{fill:#2ca02c}.improved{fill:#1f77b4}.inconclusive{fill:#aaa}footer{margin-top:2em;color:#666;font-size:.9em}
            """;

    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        String title = report.title() == null ? report.input() : report.title();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>posmortem: ").append(Html.escape(title))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        out.append("<h1>posmortem: ").append(Html.escape(title)).append("</h1>\n<p>Input <code>").append(Html.escape(report.input()))
                .append("</code>, posmortem ").append(Html.escape(report.version())).append(".</p>\n");
        if (!Report.DIAGNOSED.equals(report.status())) {
            out.append("<p><strong>").append(Html.escape(report.status())).append("</strong>: ").append(report.errors().size())
                    .append(" problem(s)</p>\n<ul>\n");
            for (Problem p : report.errors()) out.append("<li><code>").append(Html.escape(p.oneLine())).append("</code></li>\n");
            out.append("</ul>\n</body>\n</html>\n");
            return out.toString();
        }
        out.append("<table>\n<tr><th>build</th><th>verdict</th><th>answer</th><th>confidence</th><th>fix</th></tr>\n");
        for (BuildReport b : report.builds()) {
            DiagnosisView d = b.diagnosis();
            out.append("<tr><td><a href=\"#").append(anchor(b.id())).append("\">").append(Html.escape(b.id())).append("</a></td><td>")
                    .append(d == null ? "none" : Html.escape(d.verdict())).append("</td><td>")
                    .append(d == null || !d.namesLeader() ? "" : "<code>" + Html.escape(d.hypothesis()) + "</code>").append("</td><td>")
                    .append(d == null || !d.namesLeader() ? "" : Numbers.fixed(d.confidence(), 2)).append("</td><td>")
                    .append(b.recommendations().isEmpty() ? "none" : "<code>" + Html.escape(b.recommendations().get(0).id()) + "</code>"
                            + (b.recommendations().get(0).verification().equals("instruction") ? " (check-and-change)" : ""))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
        for (BuildReport b : report.builds()) build(out, b);
        List<Assumption> shared = report.assumptions().stream().filter(a -> a.pointer().startsWith("/model")).toList();
        if (!shared.isEmpty()) {
            out.append("<h2>Assumed for the model</h2>\n<ul>\n");
            for (Assumption a : shared) out.append("<li><code>").append(Html.escape(a.pointer())).append("</code> = ")
                    .append(Html.escape(a.value())).append(" (").append(Html.escape(a.basis())).append(")</li>\n");
            out.append("</ul>\n");
        }
        out.append("<footer>Rules ").append(Html.escape(report.rules())).append("<br>Knowledge base ").append(Html.escape(report.knowledgeBase()))
                .append(report.pack() == null ? "" : "<br>Pack: " + Html.escape(report.pack()))
                .append("<br>Full trace: <code>posmortem triage --trace trace.json ").append(Html.escape(report.input()))
                .append("</code>; derivations: <code>posmortem explain ").append(Html.escape(report.input())).append("</code></footer>\n");
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void build(StringBuilder out, BuildReport b) {
        out.append("<h2 id=\"").append(anchor(b.id())).append("\">").append(Html.escape(b.id()))
                .append(b.title() == null ? "" : ": " + Html.escape(b.title())).append("</h2>\n");
        RetrofitView r = b.retrofit();
        out.append("<p>Retrofit <code>").append(Html.escape(r.kind())).append("</code>").append(r.statedLoosely() ? " (stated loosely)" : "")
                .append(", ").append(Numbers.format(r.trainedContext())).append(" &rarr; ").append(Numbers.format(r.targetContext()))
                .append(" tokens, factor ").append(Numbers.format(r.factor())).append(".</p>\n");
        DiagnosisView d = b.diagnosis();
        if (d != null) {
            String css = d.verdict().equals("diagnosed") ? "answer" : d.verdict().equals("not-positional") ? "answer np" : "answer undecided";
            out.append("<div class=\"").append(css).append("\"><strong>").append(Html.escape(d.verdict())).append(":</strong> ")
                    .append(d.namesLeader() ? "<code>" + Html.escape(d.hypothesis()) + "</code> (" + Html.escape(d.title()) + "), confidence "
                            + Numbers.fixed(d.confidence(), 2) + "<br>" + Html.escape(d.summary())
                            : d.verdict().equals("no-fault") ? Html.escape(d.summary()) : TextRenderer.NO_CANDIDATE);
            if (d.check() != null) out.append("<br><strong>Check:</strong> ").append(Html.escape(d.check()));
            out.append("</div>\n");
            for (String s : b.discriminators()) out.append("<p><strong>To decide:</strong> ").append(Html.escape(s)).append("</p>\n");
        }
        for (RecommendationView rec : b.recommendations()) {
            out.append("<h3>").append(rec.rank() == 0 ? "Fix" : "Alternative fix").append(": <code>").append(Html.escape(rec.id()))
                    .append("</code> ").append(Html.escape(rec.title())).append("</h3>\n");
            out.append("<p><em>").append(Html.escape(rec.verifiedBy())).append("</em></p>\n");
            if (rec.ropeScaling() != null) out.append("<p>rope_scaling: <code>").append(Html.escape(InlineJson.line(rec.ropeScaling()))).append("</code></p>\n");
            if (!rec.parameters().isEmpty()) {
                out.append("<table>\n");
                rec.parameters().forEach((k, v) -> out.append("<tr><th>").append(Html.escape(k)).append("</th><td>")
                        .append(Html.escape(v instanceof Number n ? Numbers.format(n.doubleValue()) : String.valueOf(v))).append("</td></tr>\n"));
                out.append("</table>\n");
            }
            if (rec.verification().equals("instruction")) {
                String note = TextRenderer.settingsNote(rec);
                if (note != null) out.append("<p>").append(Html.escape(note)).append("</p>\n");
                out.append("<table>\n<tr><th>engine</th><th>change</th><th>check after it</th><th>source</th></tr>\n");
                for (RecommendationView.SettingView st : rec.settings()) {
                    out.append("<tr><td>").append(Html.escape(st.engineName())).append("</td><td>").append(Html.escape(st.change()))
                            .append("</td><td>").append(Html.escape(st.check())).append("</td><td>")
                            .append(Html.escape(st.reference())).append(st.url() == null ? "" : " <code>" + Html.escape(st.url()) + "</code>")
                            .append("</td></tr>\n");
                }
                out.append("</table>\n");
            }
            out.append("<ul>\n");
            for (String e : rec.predictedEvidence()) out.append("<li>predicted: ").append(Html.escape(e)).append("</li>\n");
            out.append("<li>note: ").append(Html.escape(rec.caveat())).append("</li>\n</ul>\n");
        }
        DiagnosisView concludedBy = b.diagnosis();
        boolean concluded = concludedBy != null && (concludedBy.verdict().equals("diagnosed") || concludedBy.verdict().equals("not-positional"));
        if (b.recommendations().isEmpty() && concluded) {
            out.append("<h3>Fix: none</h3>\n<p>No fix in the knowledge base passed its checks or applies to this build.</p>\n");
            if (!b.notApplicableFixes().isEmpty()) {
                out.append("<ul>\n");
                for (String n : b.notApplicableFixes()) out.append("<li>").append(Html.escape(n)).append("</li>\n");
                out.append("</ul>\n");
            }
        }
        charts(out, b);
        if (d != null && !d.because().isEmpty()) {
            out.append("<h3>Why</h3>\n");
            reasons(out, d.because());
        }
        for (WhyNotView w : b.whyNot()) {
            out.append("<h3>Why not <code>").append(Html.escape(w.hypothesis())).append("</code> (score ").append(Numbers.fixed(w.score(), 2))
                    .append(", ").append(Html.escape(w.status())).append(")</h3>\n");
            if (w.limit() != null) out.append("<p>").append(Html.escape(w.limit())).append("</p>\n");
            reasons(out, w.against());
        }
        out.append("<h3>Hypotheses</h3>\n<table>\n<tr><th>score</th><th>status</th><th>hypothesis</th></tr>\n");
        for (HypothesisView h : b.hypotheses()) {
            out.append("<tr><td>").append(String.format(Locale.ROOT, "%+.3f", h.score())).append("</td><td>").append(Html.escape(h.status()))
                    .append("</td><td><code>").append(Html.escape(h.id())).append("</code> ").append(Html.escape(h.title())).append("</td></tr>\n");
        }
        out.append("</table>\n");
        if (!b.countTests().isEmpty()) {
            out.append("<h3>Counts</h3>\n<table>\n<tr><th>observation</th><th>build</th><th>baseline</th><th>p</th><th>outcome</th><th>strength</th></tr>\n");
            for (CountTestView t : b.countTests()) {
                out.append("<tr><td>").append(Html.escape(t.observation() + " (" + t.capability() + ")")).append("</td><td>")
                        .append(Html.escape(t.counts() + " = " + Numbers.format(t.rate()) + " [" + Numbers.format(t.rateInterval()[0]) + ", "
                                + Numbers.format(t.rateInterval()[1]) + "]")).append("</td><td>")
                        .append(Html.escape(t.baseline() + " = " + Numbers.format(t.baselineRate()))).append("</td><td>")
                        .append(Html.escape(TextRenderer.pValue(t.pValue()))).append("</td><td>").append(Html.escape(t.outcome()))
                        .append("</td><td>").append(Numbers.format(t.strength())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        List<Assumption> own = b.assumptions().stream().filter(a -> !a.pointer().startsWith("/model")).toList();
        if (!own.isEmpty()) {
            out.append("<h3>Assumed for this build</h3>\n<ul>\n");
            for (Assumption a : own) out.append("<li><code>").append(Html.escape(a.pointer())).append("</code> = ").append(Html.escape(a.value()))
                    .append(" (").append(Html.escape(a.basis())).append(")</li>\n");
            out.append("</ul>\n");
        }
        out.append("<p class=\"basis\">").append(b.reasoning().firings().size()).append(" rule firings (").append(b.reasoning().rulesFired())
                .append(" of ").append(b.reasoning().rulesInPack()).append(" rules fired).</p>\n");
    }

    /** The build's plots. */
    private static void charts(StringBuilder out, BuildReport b) {
        List<String> svgs = new ArrayList<>();
        SvgChart rope = ropeChart(b);
        if (rope != null && !rope.isEmpty()) svgs.add(rope.render());
        for (String[] c : new String[][] {{"bias-vs-distance", "nats", "Penalty against distance", "penalty (nats)"},
                {"bias-vs-distance", "bucket", "T5 bucket against distance", "bucket"},
                {"early-span-share", "share", "Attention share of the first 1,024 tokens against the last 1,024", "share (equal content)"}}) {
            SvgChart chart = new SvgChart(c[2], c[0].equals("early-span-share") ? "context length (tokens)" : "distance back (tokens)",
                    c[3], true, !c[1].equals("bucket"));
            int i = 0;
            for (ChartView v : b.charts()) {
                if (!v.chart().equals(c[0]) || !v.unit().equals(c[1])) continue;
                chart.series(v.series(), points(v.x(), v.y()), i == 0, false);
                i++;
            }
            chart.marker(b.retrofit().trainedContext(), "trained");
            if (!chart.isEmpty()) svgs.add(chart.render());
        }
        String bands = bandChart(b);
        if (bands != null) svgs.add(bands);
        if (svgs.isEmpty()) return;
        out.append("<h3>Mechanism</h3>\n");
        for (String svg : svgs) out.append("<figure>\n").append(svg).append("</figure>\n");
    }

    /** Scale per rotary pair against its wavelength, for each RoPE candidate and fix; the diagnosis and first fix emphasised. */
    private static SvgChart ropeChart(BuildReport b) {
        List<EvidenceView.RopePair> trained = b.evidence().ropePairs();
        if (trained == null || trained.isEmpty()) return null;
        List<Double> wavelengths = trained.stream().map(EvidenceView.RopePair::wavelength).toList();
        SvgChart chart = new SvgChart("Scale each mapping applies per rotary pair (1 = as trained)", "wavelength of the pair (tokens)",
                "scale s_j", true, true);
        String diagnosed = b.diagnosis() == null ? null : b.diagnosis().hypothesis();
        String fix = b.recommendations().isEmpty() ? null : b.recommendations().get(0).id();
        for (EvidenceView.SubjectEvidence s : b.evidence().subjects()) {
            List<Double> ys = s.scale();
            if (ys == null || ys.size() != wavelengths.size()) continue;
            String id = String.valueOf(s.hypothesis() != null ? s.hypothesis() : s.fix());
            boolean isFix = "fix".equals(s.role());
            if (isFix && !id.equals(fix)) continue;
            chart.series((isFix ? "fix: " : "") + id, points(wavelengths, ys), id.equals(diagnosed) || id.equals(fix), isFix);
        }
        chart.marker(b.retrofit().trainedContext(), "trained").marker(b.retrofit().targetContext(), "target");
        return chart;
    }

    /** Each observation as a bar over its context band, coloured by its outcome, with its count rate when it has one. */
    private static String bandChart(BuildReport b) {
        if (b.observations().isEmpty()) return null;
        int rows = b.observations().size();
        int height = 50 + rows * 26;
        double lo = Math.log10(Math.max(1, b.observations().stream().mapToInt(ObservationView::fromTokens).min().orElse(1)));
        double hi = Math.log10(Math.max(b.retrofit().targetContext(), b.observations().stream().mapToInt(ObservationView::toTokens).max().orElse(2)));
        lo = Math.floor(lo);
        hi = Math.ceil(hi);
        if (hi <= lo) hi = lo + 1;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"").append(height).append("\" viewBox=\"0 0 720 ")
                .append(height).append("\" role=\"img\" aria-label=\"Observations by context band\">\n");
        svg.append("<text x=\"10\" y=\"18\" class=\"ct\">Observations by context band (red degraded, green preserved, grey inconclusive)</text>\n");
        for (double e = lo; e <= hi + 1e-9; e++) {
            String x = String.format(Locale.ROOT, "%.1f", 260 + (e - lo) / (hi - lo) * 440);
            svg.append("<line x1=\"").append(x).append("\" y1=\"28\" x2=\"").append(x).append("\" y2=\"").append(height - 18)
                    .append("\" class=\"grid\"/><text x=\"").append(x).append("\" y=\"").append(height - 6)
                    .append("\" class=\"tl\" text-anchor=\"middle\">").append(SvgChart.label(Math.pow(10, e))).append("</text>\n");
        }
        for (int i = 0; i < rows; i++) {
            ObservationView o = b.observations().get(i);
            double x1 = 260 + (Math.log10(Math.max(1, o.fromTokens())) - lo) / (hi - lo) * 440;
            double x2 = 260 + (Math.log10(Math.max(1, o.toTokens())) - lo) / (hi - lo) * 440;
            int y = 34 + i * 26;
            String rate = b.countTests().stream().filter(t -> t.observation().equals(o.id())).findFirst()
                    .map(t -> " " + Numbers.format(t.rate()) + " [" + Numbers.format(t.rateInterval()[0]) + ", " + Numbers.format(t.rateInterval()[1])
                            + "] vs " + Numbers.format(t.baselineRate())).orElse("");
            svg.append("<text x=\"10\" y=\"").append(y + 9).append("\" class=\"tl\">").append(Html.escape(o.id() + " " + o.capability()))
                    .append("</text>\n<rect x=\"").append(String.format(Locale.ROOT, "%.1f", x1)).append("\" y=\"").append(y)
                    .append("\" width=\"").append(String.format(Locale.ROOT, "%.1f", Math.max(2, x2 - x1))).append("\" height=\"14\" class=\"")
                    .append(Html.escape(o.outcome())).append("\"><title>").append(Html.escape(o.outcome() + " " + o.fromTokens() + "-" + o.toTokens() + rate))
                    .append("</title></rect>\n");
            if (!rate.isEmpty()) svg.append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", Math.min(560, x1 + 4))).append("\" y=\"")
                    .append(y + 25).append("\" class=\"tl\">").append(Html.escape(rate.trim())).append("</text>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static List<double[]> points(List<Double> xs, List<Double> ys) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < Math.min(xs.size(), ys.size()); i++) out.add(new double[] {xs.get(i), ys.get(i)});
        return out;
    }

    private static void reasons(StringBuilder out, List<Reason> reasons) {
        out.append("<ul>\n");
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (Reason reason : reasons) {
            out.append("<li>").append(Html.escape(reason.text())).append(" <code>").append(Html.escape(reason.rule())).append("</code> ")
                    .append(reason.weight() >= 0 ? "+" : "").append(Numbers.format(reason.weight()));
            List<String> basis = reason.basis().stream().filter(shown::add).toList();
            if (!basis.isEmpty()) {
                out.append("<ul class=\"basis\">");
                for (String s : basis) out.append("<li>because ").append(Html.escape(s)).append("</li>");
                out.append("</ul>");
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n");
    }

    private static String anchor(String id) {
        return "build-" + id.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
