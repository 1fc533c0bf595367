package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.engine.Triage;
import io.posmortem.inference.InferenceException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.report.BuildReport;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.Report;
import io.posmortem.report.ReportBuilder;
import io.posmortem.report.ReportDetail;
import io.posmortem.run.TriageRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --detail summary} against {@code full} over every fixture that triages: the summary is
 * exactly the full report with the documented working removed (so verdict, diagnosis,
 * confidence, scores and fixes are the same by construction, and are also compared one by one),
 * and the batch default is the summary for JSON only.
 */
class ReportDetailTest {
    private static Triage triage;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void load() throws Exception {
        triage = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
    }

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("fixtures"))) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().contains("/configs/") && !p.toString().contains("/broken-rules/")).sorted().toList();
        }
    }

    @Test
    void summaryIsTheFullReportWithoutItsWorkingForEveryFixture() throws Exception {
        ReportBuilder reports = triage.reports();
        int triaged = 0;
        int builds = 0;
        for (Path fixture : fixtures()) {
            TriageRun run;
            try {
                run = triage.run(fixture);
            } catch (InvalidInputException | InferenceException e) {
                continue;
            }
            triaged++;
            Report full = reports.diagnosed(run, ReportDetail.full);
            Report summary = reports.diagnosed(run, ReportDetail.summary);
            assertEquals(full.builds().size(), summary.builds().size(), fixture.toString());
            for (int i = 0; i < full.builds().size(); i++) {
                BuildReport f = full.builds().get(i);
                BuildReport s = summary.builds().get(i);
                String where = fixture + " build " + f.id();
                assertEquals(f.diagnosis(), s.diagnosis(), where);
                assertEquals(f.diagnosis().verdict(), s.diagnosis().verdict(), where);
                assertEquals(f.diagnosis().confidence(), s.diagnosis().confidence(), where);
                assertEquals(f.recommendations(), s.recommendations(), where);
                assertEquals(f.rejectedFixes(), s.rejectedFixes(), where);
                assertEquals(f.hypotheses().size(), s.hypotheses().size(), where);
                for (int h = 0; h < f.hypotheses().size(); h++) {
                    assertEquals(f.hypotheses().get(h).id(), s.hypotheses().get(h).id(), where);
                    assertEquals(f.hypotheses().get(h).score(), s.hypotheses().get(h).score(), where);
                    assertEquals(f.hypotheses().get(h).status(), s.hypotheses().get(h).status(), where);
                }
                builds++;
            }
            JsonNode expected = withoutWorking(JSON.readTree(JsonRenderer.pretty(full)));
            JsonNode got = JSON.readTree(JsonRenderer.pretty(summary));
            assertEquals(expected, got, fixture.toString());
        }
        assertTrue(triaged >= 100, "fixtures triaged: " + triaged);
        assertTrue(builds > triaged, "builds compared: " + builds);
    }

    /** Summary JSON is much smaller: the per-pair arrays and firings are most of a full report. */
    @Test
    void summaryLeavesOutThePerPairArraysAndFirings() throws Exception {
        TriageRun run = triage.run(Path.of("fixtures/seed/founding-case.yaml"));
        String full = JsonRenderer.line(triage.reports().diagnosed(run, ReportDetail.full));
        String summary = JsonRenderer.line(triage.reports().diagnosed(run, ReportDetail.summary));
        assertTrue(full.contains("\"rope_pairs\"") && full.contains("\"firings\""));
        assertFalse(summary.contains("\"rope_pairs\"") || summary.contains("\"firings\"") || summary.contains("\"supporting\""));
        assertTrue(summary.contains("\"rules_fired\"") && summary.contains("\"because\""));
        assertTrue(summary.length() * 3 < full.length(), summary.length() + " vs " + full.length());
    }

    @Test
    void batchesDefaultToSummaryAndOneFileToFull() throws Exception {
        Cli one = Cli.run("triage", "--format", "json", "fixtures/seed/founding-case.yaml");
        assertTrue(one.out().contains("\"rope_pairs\""));
        Cli two = Cli.run("triage", "--format", "json", "fixtures/seed/founding-case.yaml", "fixtures/contrast/t5-far-precision.yaml");
        assertFalse(two.out().contains("\"rope_pairs\""));
        assertTrue(two.out().contains("\"diagnosis\""));
        Cli twoFull = Cli.run("triage", "--format", "json", "--detail", "full", "fixtures/seed/founding-case.yaml",
                "fixtures/contrast/t5-far-precision.yaml");
        assertTrue(twoFull.out().contains("\"rope_pairs\""));
        Cli oneSummary = Cli.run("triage", "--format", "json", "--detail", "summary", "fixtures/seed/founding-case.yaml");
        assertNotEquals(one.out(), oneSummary.out());
        assertFalse(oneSummary.out().contains("\"rope_pairs\""));
        Cli text = Cli.run("triage", "--detail", "summary", "fixtures/seed/founding-case.yaml");
        assertEquals(2, text.exit(), text.err());
        assertTrue(text.err().contains("--detail"), text.err());
    }

    /** The full report's JSON minus what {@link ReportDetail#summary} documents as left out. */
    private static JsonNode withoutWorking(JsonNode report) {
        for (JsonNode build : report.path("builds")) {
            ObjectNode b = (ObjectNode) build;
            b.remove("evidence");
            b.remove("charts");
            ((ObjectNode) b.path("reasoning")).remove("firings");
            for (JsonNode h : b.path("hypotheses")) {
                ((ObjectNode) h).remove("supporting");
                ((ObjectNode) h).remove("opposing");
            }
        }
        return report;
    }
}
