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
 * applies to each rotary pair against its wavelength, with the trained and target windows; one
 * chart per mechanism family the evidence computed series for (ALiBi penalty per head, T5 bucket,
 * early-span share, angle error in reduced precision, sliding-window span, truncation window); for
 * every build the observations by context band with the trained and target lengths and each
 * leading hypothesis's predicted onset. Responsive from 360 px (see {@link #STYLE}).
 */
public final class HtmlRenderer {
    private HtmlRenderer() {}

    /**
     * The page's only style sheet. Responsive from 360 px: the body never gets wider than the
     * screen; every table sits in a {@code .scroll} box that scrolls sideways on its own, and the
     * summary table turns into one block per build under 640 px (each cell labelled from its
     * {@code data-label}); long code wraps anywhere; every SVG has a view box only and is drawn at
     * the width of its figure (at most 720 px), its height following.
     */
    static final String STYLE = """
            *{box-sizing:border-box}html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1000px;margin:1.5em auto;padding:0 1em;color:#222;line-height:1.45;overflow-wrap:break-word}
            h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}h3{font-size:1.05em}
            .scroll{max-width:100%;overflow-x:auto;margin:.5em 0}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}th{overflow-wrap:anywhere}
            th{background:#f4f4f4}code{background:#f4f4f4;padding:0 .2em;overflow-wrap:anywhere;word-break:break-word}.answer{font-size:1.1em;padding:.6em;border-left:4px solid #1f77b4;background:#f7fbff}
            .np{border-left-color:#ff7f0e}.undecided{border-left-color:#7f7f7f}.basis{color:#555;font-size:.92em}ul{padding-left:1.2em}
            figure{margin:1em 0;max-width:720px}figcaption{font-weight:600;font-size:.95em;margin-bottom:.3em}svg{display:block;width:100%;height:auto}
            .tl{font-size:13px;fill:#333}.al{font-size:14px;fill:#333}
            form label{display:block;font-weight:600;margin:.8em 0 .2em}textarea{width:100%;min-height:12em;font-family:ui-monospace,monospace;font-size:.9em}
            input[type=file]{max-width:100%}button{margin-top:1em;font-size:1em;padding:.4em 1.2em}.hint{color:#555;font-size:.92em;margin:.2em 0}
            .frame{fill:none;stroke:#999}.grid{stroke:#eee}.tick{stroke:#999}.marker,.trained{stroke:#555;stroke-width:1.5;stroke-dasharray:3 3}.target{stroke:#111;stroke-width:1.5}
            .onset{stroke:#9467bd;stroke-width:2;stroke-dasharray:8 3}.halo{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
            .degraded{fill:#d62728}.preserved{fill:#2ca02c}.improved{fill:#1f77b4}.inconclusive{fill:#aaa}footer{margin-top:2em;color:#666;font-size:.9em}
            @media (max-width:640px){body{margin:.8em auto;padding:0 .6em}.summary tr:first-child{display:none}.summary,.summary tbody,.summary tr,.summary td{display:block;width:100%}
            .summary tr{border:1px solid #ddd;margin-bottom:.5em}.summary td{border:0;border-bottom:1px solid #eee}.summary td::before{content:attr(data-label) ": ";font-weight:600}}
            """;

    /**
     * The Content-Security-Policy the page carries (and {@code serve} sends): nothing may load,
     * no script may run, and the only style is {@link #STYLE}, allowed by its SHA-256 hash.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + styleHash() + "'; img-src data:; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** {@code sha256-} and the Base64 SHA-256 of the style sheet as it appears between the style tags (CSP Level 2, hash sources). */
    static String styleHash() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(STYLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256-" + java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A page of posmortem's own with {@code bodyHtml} (already escaped HTML) after a heading
     * {@code title}: the same head, style sheet and policy as a report.
     */
    public static String page(String title, String bodyHtml) {
        StringBuilder out = new StringBuilder();
        head(out, title);
        out.append("<h1>").append(Html.escape(title)).append("</h1>\n").append(bodyHtml).append("</body>\n</html>\n");
        return out.toString();
    }

    /** {@code text} escaped for HTML text and attribute values. */
    public static String escape(String text) {
        return Html.escape(text);
    }

    /**
     * The page's head up to and including {@code <body>}: charset, viewport, the CSP, an empty icon
     * (so a browser does not ask the server for {@code /favicon.ico}), the title and the style sheet.
     */
    static void head(StringBuilder out, String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(Html.escape(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", "")))
                .append("\">\n<meta name=\"referrer\" content=\"same-origin\">\n<link rel=\"icon\" href=\"data:,\">\n<title>").append(Html.escape(title))
                .append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    }

    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        String title = report.title() == null ? report.input() : report.title();
        head(out, "posmortem: " + title);
        out.append("<h1>posmortem: ").append(Html.escape(title)).append("</h1>\n<p>Input <code>").append(Html.escape(report.input()))
                .append("</code>, posmortem ").append(Html.escape(report.version())).append(".</p>\n");
        if (!Report.DIAGNOSED.equals(report.status())) {
            out.append("<p><strong>").append(Html.escape(report.status())).append("</strong>: ").append(report.errors().size())
                    .append(" problem(s)</p>\n<ul>\n");
            for (Problem p : report.errors()) out.append("<li><code>").append(Html.escape(p.oneLine())).append("</code></li>\n");
            out.append("</ul>\n</body>\n</html>\n");
            return out.toString();
        }
        out.append("<div class=\"scroll\"><table class=\"summary\">\n<tr><th>build</th><th>verdict</th><th>answer</th><th>confidence</th><th>fix</th></tr>\n");
        for (BuildReport b : report.builds()) {
            DiagnosisView d = b.diagnosis();
            out.append("<tr><td data-label=\"build\"><a href=\"#").append(anchor(b.id())).append("\">").append(Html.escape(b.id()))
                    .append("</a></td><td data-label=\"verdict\">")
                    .append(d == null ? "none" : Html.escape(d.verdict())).append("</td><td data-label=\"answer\">")
                    .append(d == null || !d.namesLeader() ? "" : "<code>" + Html.escape(d.hypothesis()) + "</code>").append("</td><td data-label=\"confidence\">")
                    .append(d == null || !d.namesLeader() ? "" : Numbers.fixed(d.confidence(), 2)).append("</td><td data-label=\"fix\">")
                    .append(b.recommendations().isEmpty() ? "none" : "<code>" + Html.escape(b.recommendations().get(0).id()) + "</code>"
                            + (b.recommendations().get(0).verification().equals("instruction") ? " (check-and-change)" : ""))
                    .append("</td></tr>\n");
        }
        out.append("</table></div>\n");
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
                out.append("<div class=\"scroll\"><table>\n");
                rec.parameters().forEach((k, v) -> out.append("<tr><th>").append(Html.escape(k)).append("</th><td>")
                        .append(Html.escape(v instanceof Number n ? Numbers.format(n.doubleValue()) : String.valueOf(v))).append("</td></tr>\n"));
                out.append("</table></div>\n");
            }
            if (rec.verification().equals("instruction")) {
                String note = TextRenderer.settingsNote(rec);
                if (note != null) out.append("<p>").append(Html.escape(note)).append("</p>\n");
                out.append("<div class=\"scroll\"><table>\n<tr><th>engine</th><th>change</th><th>check after it</th><th>source</th></tr>\n");
                for (RecommendationView.SettingView st : rec.settings()) {
                    out.append("<tr><td>").append(Html.escape(st.engineName())).append("</td><td>").append(Html.escape(st.change()))
                            .append("</td><td>").append(Html.escape(st.check())).append("</td><td>")
                            .append(Html.escape(st.reference())).append(st.url() == null ? "" : " <code>" + Html.escape(st.url()) + "</code>")
                            .append("</td></tr>\n");
                }
                out.append("</table></div>\n");
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
        out.append("<h3>Hypotheses</h3>\n<div class=\"scroll\"><table>\n<tr><th>score</th><th>status</th><th>hypothesis</th></tr>\n");
        for (HypothesisView h : b.hypotheses()) {
            out.append("<tr><td>").append(String.format(Locale.ROOT, "%+.3f", h.score())).append("</td><td>").append(Html.escape(h.status()))
                    .append("</td><td><code>").append(Html.escape(h.id())).append("</code> ").append(Html.escape(h.title())).append("</td></tr>\n");
        }
        out.append("</table></div>\n");
        if (!b.countTests().isEmpty()) {
            out.append("<h3>Counts</h3>\n<div class=\"scroll\"><table>\n<tr><th>observation</th><th>build</th><th>baseline</th><th>p</th><th>outcome</th><th>strength</th></tr>\n");
            for (CountTestView t : b.countTests()) {
                out.append("<tr><td>").append(Html.escape(t.observation() + " (" + t.capability() + ")" + TextRenderer.sourceOf(b, t.observation()))).append("</td><td>")
                        .append(Html.escape(t.counts() + " = " + Numbers.format(t.rate()) + " [" + Numbers.format(t.rateInterval()[0]) + ", "
                                + Numbers.format(t.rateInterval()[1]) + "]")).append("</td><td>")
                        .append(Html.escape(t.baseline() + " = " + Numbers.format(t.baselineRate()))).append("</td><td>")
                        .append(Html.escape(TextRenderer.pValue(t.pValue()))).append("</td><td>").append(Html.escape(t.outcome()))
                        .append("</td><td>").append(Numbers.format(t.strength())).append("</td></tr>\n");
            }
            out.append("</table></div>\n");
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

    /**
     * One family chart drawn from the evidence stage's series: which series (chart and unit), the
     * caption, the axis labels and scales, and whether the target length is marked too.
     */
    private record FamilyChart(String chart, String unit, String caption, String xLabel, String yLabel, boolean logX, boolean logY,
                               boolean markTarget) {}

    private static final List<FamilyChart> FAMILY_CHARTS = List.of(
            new FamilyChart("bias-vs-distance", "nats", "Penalty against distance, per ALiBi head", "distance back (tokens)", "penalty (nats)",
                    true, true, false),
            new FamilyChart("bias-vs-distance", "bucket", "T5 bucket against distance (far distances share the last bucket)",
                    "distance back (tokens)", "bucket", true, false, false),
            new FamilyChart("early-span-share", "share", "Attention share of the first 1,024 tokens against the last 1,024",
                    "context length (tokens)", "share (equal content)", true, true, false),
            new FamilyChart("angle-error-vs-position", "radians", "Angle error against position, RoPE computed in reduced precision",
                    "position (tokens)", "worst angle error (radians)", true, true, true),
            new FamilyChart("attended-span-vs-position", "tokens", "Attended span against position: the model's sliding window",
                    "position (tokens)", "tokens attended back", false, false, true),
            new FamilyChart("truncation-window", "tokens", "Prompt kept by the runtime's context window (truncation)",
                    "prompt length (tokens)", "tokens kept", false, false, true));

    /** The build's plots: the RoPE scale chart, each family chart the evidence has series for, the observations. */
    private static void charts(StringBuilder out, BuildReport b) {
        List<String[]> figures = new ArrayList<>();
        SvgChart rope = ropeChart(b);
        if (rope != null && !rope.isEmpty()) figures.add(new String[] {rope.title(), rope.render()});
        List<ChartView> views = b.charts() == null ? List.of() : b.charts();
        for (FamilyChart c : FAMILY_CHARTS) {
            SvgChart chart = new SvgChart(c.caption(), c.xLabel(), c.yLabel(), c.logX(), c.logY());
            int i = 0;
            for (ChartView v : views) {
                if (!v.chart().equals(c.chart()) || !v.unit().equals(c.unit())) continue;
                chart.series(v.series(), points(v.x(), v.y()), i == 0, false);
                i++;
            }
            chart.marker(b.retrofit().trainedContext(), "trained length " + Numbers.format(b.retrofit().trainedContext()), "trained");
            if (c.markTarget()) chart.marker(b.retrofit().targetContext(), "target length " + Numbers.format(b.retrofit().targetContext()), "target");
            if (!chart.isEmpty()) figures.add(new String[] {c.caption(), chart.render()});
        }
        String bands = bandChart(b);
        if (bands != null) figures.add(new String[] {"Observations by context band (red degraded, green preserved, blue improved, grey inconclusive)",
                bands});
        if (figures.isEmpty()) return;
        out.append("<h3>Mechanism</h3>\n");
        for (String[] f : figures) out.append("<figure>\n<figcaption>").append(Html.escape(f[0])).append("</figcaption>\n").append(f[1]).append("</figure>\n");
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
        chart.marker(b.retrofit().trainedContext(), "trained length " + Numbers.format(b.retrofit().trainedContext()), "trained")
                .marker(b.retrofit().targetContext(), "target length " + Numbers.format(b.retrofit().targetContext()), "target");
        return chart;
    }

    private static final int BAND_LEFT = 16;
    private static final int BAND_RIGHT = 16;
    private static final int BAND_ROW = 38;

    /**
     * Each observation as a bar over its context band (log scale), coloured by its outcome, labelled
     * above the bar with its count rate when it has one; vertical lines at the trained length, the
     * target length and each leading hypothesis's predicted onset ({@code predicted-onset} series),
     * named in the legend under the axis.
     */
    private static String bandChart(BuildReport b) {
        if (b.observations().isEmpty()) return null;
        int trained = b.retrofit().trainedContext();
        int target = b.retrofit().targetContext();
        List<ChartView> onsets = b.charts() == null ? List.of()
                : b.charts().stream().filter(v -> v.chart().equals(ChartsSection.PREDICTED_ONSET) && !v.x().isEmpty()).toList();
        int rows = b.observations().size();
        double lo = Math.log10(Math.max(1, Math.min(trained, b.observations().stream().mapToInt(ObservationView::fromTokens).min().orElse(1))));
        double hi = Math.log10(Math.max(Math.max(target, trained), b.observations().stream().mapToInt(ObservationView::toTokens).max().orElse(2)));
        for (ChartView v : onsets) {
            if (v.x().get(0) >= 1) {
                lo = Math.min(lo, Math.log10(v.x().get(0)));
                hi = Math.max(hi, Math.log10(v.x().get(0)));
            }
        }
        lo = Math.floor(lo);
        hi = Math.ceil(hi);
        if (hi <= lo) hi = lo + 1;
        int plotW = SvgChart.WIDTH - BAND_LEFT - BAND_RIGHT;
        int top = 8;
        int axis = top + rows * BAND_ROW + 4;
        int legendTop = axis + 42;
        List<SvgChart.Marker> markers = new ArrayList<>();
        markers.add(new SvgChart.Marker(trained, "trained length " + Numbers.format(trained), "trained"));
        markers.add(new SvgChart.Marker(target, "target length " + Numbers.format(target), "target"));
        for (ChartView v : onsets) {
            double x = v.x().get(0);
            markers.add(new SvgChart.Marker(x, x >= 1 ? "onset predicted by " + v.series() + ": " + Numbers.format(x) + " tokens"
                    : v.series() + " predicts a degradation at every length", "onset"));
        }
        int height = legendTop + markers.size() * SvgChart.LEGEND_ROW + 6;
        StringBuilder svg = new StringBuilder();
        SvgChart.open(svg, height, "Observations by context band");
        for (double e = lo; e <= hi + 1e-9; e++) {
            String x = SvgChart.fmt(bandX(Math.pow(10, e), lo, hi, plotW));
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(top).append("\" x2=\"").append(x).append("\" y2=\"").append(axis + 4)
                    .append("\" class=\"grid\"/><text x=\"").append(x).append("\" y=\"").append(axis + 17)
                    .append("\" class=\"tl\" text-anchor=\"").append(e == lo ? "start" : e >= hi - 1e-9 ? "end" : "middle").append("\">")
                    .append(SvgChart.label(Math.pow(10, e))).append("</text>\n");
        }
        svg.append("<line x1=\"").append(BAND_LEFT).append("\" y1=\"").append(axis).append("\" x2=\"").append(BAND_LEFT + plotW).append("\" y2=\"")
                .append(axis).append("\" class=\"tick\"/>\n");
        SvgChart.axisLabels(svg, BAND_LEFT + plotW / 2, axis + 34, "context length (tokens, log scale)", 0, null);
        // marker lines first, so the row labels (with a white halo) stay readable where a line crosses them
        for (SvgChart.Marker m : markers) {
            if (m.x() < 1) continue;
            String x = SvgChart.fmt(bandX(m.x(), lo, hi, plotW));
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(top).append("\" x2=\"").append(x).append("\" y2=\"").append(axis)
                    .append("\" class=\"").append(m.css()).append("\"/>\n");
        }
        for (int i = 0; i < rows; i++) {
            ObservationView o = b.observations().get(i);
            double x1 = bandX(Math.max(1, o.fromTokens()), lo, hi, plotW);
            double x2 = bandX(Math.max(1, o.toTokens()), lo, hi, plotW);
            int y = top + i * BAND_ROW;
            String rate = b.countTests().stream().filter(t -> t.observation().equals(o.id())).findFirst()
                    .map(t -> ", " + Numbers.format(t.rate()) + " [" + Numbers.format(t.rateInterval()[0]) + ", " + Numbers.format(t.rateInterval()[1])
                            + "] vs " + Numbers.format(t.baselineRate())).orElse("");
            String label = o.id() + " " + o.capability() + ": " + o.outcome() + " " + SvgChart.label(o.fromTokens()) + "\u2013"
                    + SvgChart.label(o.toTokens()) + rate;
            svg.append("<text x=\"").append(BAND_LEFT).append("\" y=\"").append(y + 12).append("\" class=\"tl halo\">")
                    .append(Html.escape(SvgChart.fit(label))).append("</text>\n<rect x=\"").append(SvgChart.fmt(x1)).append("\" y=\"").append(y + 18)
                    .append("\" width=\"").append(SvgChart.fmt(Math.max(2, x2 - x1))).append("\" height=\"14\" class=\"")
                    .append(Html.escape(o.outcome())).append("\"><title>").append(Html.escape(o.outcome() + " " + o.fromTokens() + "-" + o.toTokens() + rate))
                    .append("</title></rect>\n");
        }
        for (int i = 0; i < markers.size(); i++) SvgChart.legendMarker(svg, legendTop + i * SvgChart.LEGEND_ROW + 9, markers.get(i));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double bandX(double tokens, double lo, double hi, int plotW) {
        return BAND_LEFT + (Math.log10(tokens) - lo) / (hi - lo) * plotW;
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
