package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTML report: self-contained, deterministic, with well-formed plots of the mechanism. */
class HtmlReportTest {

    @ParameterizedTest
    @ValueSource(strings = {"fixtures/seed/founding-case.yaml", "fixtures/statistics/trend-across-bands.yaml",
            "fixtures/classes/prompt-truncated.yaml"})
    void selfContainedDeterministicAndWellFormed(String fixture) throws Exception {
        Cli first = Cli.run("triage", "--format", "html", fixture);
        Cli second = Cli.run("triage", "--format", "html", fixture);
        assertEquals(0, first.exit(), first.err());
        assertEquals(first.out(), second.out(), "byte-identical for the same input");
        String html = first.out();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external assets");
        Matcher svg = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html);
        int plots = 0;
        while (svg.find()) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.group().getBytes(StandardCharsets.UTF_8)));
            plots++;
        }
        assertTrue(plots >= 1, "at least the observations plot");
    }

    @Test
    void theFoundingCaseShowsBothMechanisms() {
        String html = Cli.run("triage", "--format", "html", "fixtures/seed/founding-case.yaml").out();
        assertTrue(html.contains("Scale each mapping applies per rotary pair"), "RoPE chart for Build A");
        assertTrue(html.contains("fix: frequency-aware-rope-scaling"), "the recommended fix drawn against the faulty mapping");
        assertTrue(html.contains("Penalty against distance"), "ALiBi penalty for Build B");
        assertTrue(html.contains("ALiBi head 32 (slope 0.00391)"), "per head, down to the gentlest: 2^-8 for 32 heads");
        assertTrue(html.contains("T5 bucket against distance"), "T5 buckets for Build B");
        assertTrue(html.contains("Attention share of the first 1,024 tokens"), "early-span share for Build B");
        assertTrue(html.contains("Observations by context band"));
    }

    /** Every figure of the report, caption and SVG. */
    static List<String[]> figures(String html) {
        Matcher m = Pattern.compile("<figure>\\n<figcaption>(.*?)</figcaption>\\n(<svg .*?</svg>)", Pattern.DOTALL).matcher(html);
        List<String[]> out = new ArrayList<>();
        while (m.find()) out.add(new String[] {m.group(1), m.group(2)});
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixtures/seed/founding-case.yaml", "fixtures/classes/low-precision-angles.yaml",
            "fixtures/classes/sliding-window-unsupported.yaml", "fixtures/classes/prompt-truncated.yaml", "fixtures/contrast/t5-far-precision.yaml"})
    void everyChartScalesWithItsViewBoxAndLabelsItsAxes(String fixture) {
        String html = Cli.run("triage", "--format", "html", fixture).out();
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), "viewport meta");
        assertTrue(html.contains("svg{display:block;width:100%;height:auto}"), "SVGs drawn at the figure's width, height following");
        List<String[]> figures = figures(html);
        assertEquals(html.split("<svg ", -1).length - 1, figures.size(), "every SVG is inside a figure with a caption");
        for (String[] f : figures) {
            String svg = f[1];
            String open = svg.substring(0, svg.indexOf('>'));
            assertTrue(open.matches("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \\d+ \\d+\".*"), "viewBox: " + open);
            assertFalse(open.contains(" width=") || open.contains(" height="), "no fixed size, the CSS scales it: " + open);
            assertTrue(Pattern.compile("class=\"al\"[^>]*>[^<]*\\(tokens|tokens\\)|class=\"al\"[^>]*>[^<]+<").matcher(svg).find(), "an x-axis label: " + f[0]);
            long axisLabels = Pattern.compile("class=\"al\"").matcher(svg).results().count();
            assertTrue(axisLabels >= (f[0].startsWith("Observations") ? 1 : 2), "axis labels on " + f[0] + ": " + axisLabels);
            int[] box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(open).results()
                    .map(r -> new int[] {Integer.parseInt(r.group(1)), Integer.parseInt(r.group(2))}).findFirst().orElseThrow();
            Matcher coords = Pattern.compile(" (x|x1|x2|cx)=\"(-?[0-9.]+)\"").matcher(svg);
            while (coords.find()) {
                double x = Double.parseDouble(coords.group(2));
                assertTrue(x >= 0 && x <= box[0], "drawn inside the view box: " + coords.group() + " in " + f[0]);
            }
            Matcher ys = Pattern.compile(" (y|y1|y2|cy)=\"(-?[0-9.]+)\"").matcher(svg);
            while (ys.find()) assertTrue(Double.parseDouble(ys.group(2)) <= box[1], "legend inside the view box: " + ys.group() + " in " + f[0]);
            // tick labels: one format (1k, 32.8k, 1M), never a thousands separator or an exponent for a large number
            Matcher ticks = Pattern.compile("class=\"tl\" text-anchor=\"(middle|end|start)\"[^>]*>([^<]*)</text>").matcher(svg);
            while (ticks.find()) {
                String t = ticks.group(2);
                if (t.matches("[-0-9.]+[kMG]?|[-0-9.]*1?e-[0-9]+")) {
                    assertFalse(t.contains(","), "no thousands separator in a tick: " + t);
                    if (t.contains("e")) assertTrue(t.contains("e-"), "exponents only for small numbers: " + t);
                    if (!t.contains("e") && !t.matches(".*[kMG]")) assertTrue(Math.abs(Double.parseDouble(t)) < 1000, "k from a thousand: " + t);
                }
            }
        }
    }

    @Test
    void theObservationsChartMarksTrainedTargetAndPredictedOnsets() {
        String html = Cli.run("triage", "--format", "html", "fixtures/seed/founding-case.yaml").out();
        List<String[]> bands = figures(html).stream().filter(f -> f[0].startsWith("Observations by context band")).toList();
        assertEquals(2, bands.size(), "one per build");
        for (String[] f : bands) {
            // fixtures/seed/founding-case.yaml: trained 4,096, target 32,768 for both builds
            assertTrue(f[1].contains("trained length 4,096") && f[1].contains("class=\"trained\""), f[1]);
            assertTrue(f[1].contains("target length 32,768") && f[1].contains("class=\"target\""), f[1]);
            assertTrue(f[1].contains("context length (tokens, log scale)"), "x-axis label");
        }
        // Build A: uniform interpolation compresses every pair, so it predicts local-syntax degraded at every length
        assertTrue(bands.get(0)[1].contains("uniform-rope-interpolation predicts a degradation at every length"), bands.get(0)[1]);
        // Build B: 32 ALiBi heads, gentlest slope 2^-8; 20 nats (evidence.alibi-unreachable-nats) is reached 20 / 2^-8 = 5,120 tokens back,
        // so from a context of 5,121 tokens the first tokens are out of reach
        assertTrue(bands.get(1)[1].contains("onset predicted by alibi-linear-bias: 5,121 tokens") && bands.get(1)[1].contains("class=\"onset\""),
                bands.get(1)[1]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fixtures/seed/founding-case.yaml|Penalty against distance, per ALiBi head",
            "fixtures/contrast/t5-far-precision.yaml|T5 bucket against distance",
            "fixtures/classes/low-precision-angles.yaml|Angle error against position, RoPE computed in reduced precision",
            "fixtures/classes/sliding-window-unsupported.yaml|Attended span against position: the model&#39;s sliding window",
            "fixtures/classes/prompt-truncated.yaml|Prompt kept by the runtime&#39;s context window (truncation)"})
    void everyLeadingFamilyGetsItsChart(String fixture, String caption) {
        String html = Cli.run("triage", "--format", "html", fixture).out();
        assertTrue(figures(html).stream().anyMatch(f -> f[0].startsWith(caption)), caption + " in " + fixture);
    }

    @Test
    void theLowPrecisionChartComesFromTheEvidenceAndShowsTheTolerance() {
        String json = Cli.run("triage", "--format", "json", "fixtures/classes/low-precision-angles.yaml").out();
        assertTrue(json.contains("\"chart\" : \"angle-error-vs-position\""), "the series is in the JSON report");
        assertTrue(json.contains("\"series\" : \"tolerance\""));
        assertTrue(json.contains("\"chart\" : \"predicted-onset\""), "predicted onsets are chart data in JSON too");
    }

    @Test
    void theFormPageAndTheReportShareOnePolicy() {
        String html = Cli.run("triage", "--format", "html", "fixtures/seed/founding-case.yaml").out();
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").matcher(html);
        assertTrue(csp.find(), "the page carries its policy");
        assertTrue(csp.group(1).contains("default-src &#39;none&#39;"), csp.group(1));
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertTrue(style.find());
        String hash;
        try {
            hash = "sha256-" + java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        assertTrue(csp.group(1).contains(hash), "the style sheet is allowed by its own hash: " + hash);
        assertFalse(html.contains(" style=\""), "no style attribute, which the policy would block");
    }

    @Test
    void severalHtmlReportsNeedAnOutputDirectory(@TempDir Path dir) throws Exception {
        Cli refused = Cli.run("triage", "--format", "html", "fixtures/seed", "fixtures/contrast");
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("--out DIR"), refused.err());
        Cli written = Cli.run("triage", "--format", "html", "--out", dir.toString(), "fixtures/contrast");
        assertEquals(0, written.exit(), written.err());
        try (var files = Files.list(dir)) {
            assertEquals(CliTest.yamlFiles(Path.of("fixtures/contrast")), files.filter(p -> p.toString().endsWith(".html")).count());
        }
    }
}
