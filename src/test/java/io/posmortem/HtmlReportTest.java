package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
        assertTrue(html.contains("T5 bucket against distance"), "T5 buckets for Build B");
        assertTrue(html.contains("Attention share of the first 1,024 tokens"), "early-span share for Build B");
        assertTrue(html.contains("Observations by context band"));
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
