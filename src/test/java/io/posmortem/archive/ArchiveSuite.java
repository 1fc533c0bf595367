package io.posmortem.archive;

import io.posmortem.report.ReportDetail;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.engine.BatchInput;
import io.posmortem.engine.BatchOptions;
import io.posmortem.engine.BatchSummary;
import io.posmortem.engine.BatchTriage;
import io.posmortem.engine.ReportFormat;
import io.posmortem.engine.Triage;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.MarkdownRenderer;
import io.posmortem.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The archive's contract, run on each database it supports (a subclass says which): what a
 * triage stores, read back byte for byte; idempotence and {@code again}; filters; confirmations;
 * deletion. Expected values come from the triage itself (the report rendered before storing) and
 * from the fixture files' bytes.
 */
abstract class ArchiveSuite {
    static Triage triage;
    static final Path FOUNDING = Path.of("fixtures/seed/founding-case.yaml");
    static final Path INCIDENT = Path.of("fixtures/incidents/chinese-llama-plus-ppl-past-2048.yaml");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    IncidentArchive archive;

    /** A fresh, empty archive. */
    abstract ArchiveLocation freshLocation() throws Exception;

    @BeforeAll
    static void loadPack() throws Exception {
        triage = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
    }

    @BeforeEach
    void open() throws Exception {
        archive = IncidentArchive.open(freshLocation());
    }

    @AfterEach
    void close() {
        if (archive != null) archive.close();
    }

    BatchSummary archiveBatch(List<Path> inputs, String source, boolean again) throws InterruptedException {
        BatchTriage batch = new BatchTriage(triage, new BatchOptions(ReportFormat.json, null, null, false, 2, null, false, false, null, ReportDetail.full))
                .withSink(new ArchiveSink(archive, source, again, CLOCK));
        return batch.run(inputs.stream().map(BatchInput::of).toList(), o -> {});
    }

    @Test
    void keepsTheInputReportAndTraceAsTriaged() throws Exception {
        BatchSummary summary = archiveBatch(List.of(FOUNDING), "ci-nightly", false);
        assertFalse(summary.anyFailed());
        List<IncidentSummary> listed = archive.history(HistoryFilter.all());
        assertEquals(1, listed.size());
        IncidentSummary s = listed.get(0);
        Report direct = triage.report(triage.run(FOUNDING));
        assertEquals("ci-nightly", s.source());
        assertEquals(CLOCK.instant(), s.triagedAt());
        assertEquals(triage.rules().fingerprint(), s.rulesFingerprint());
        assertEquals(triage.knowledge().fingerprint(), s.knowledgeBaseFingerprint());
        assertEquals(direct.sha256(), s.inputSha256());
        assertEquals(direct.builds().size(), s.verdicts().size());
        for (int i = 0; i < direct.builds().size(); i++) {
            assertEquals(direct.builds().get(i).id(), s.verdicts().get(i).build());
            assertEquals(direct.builds().get(i).diagnosis().verdict(), s.verdicts().get(i).verdict());
            assertEquals(direct.builds().get(i).diagnosis().hypothesis(), s.verdicts().get(i).hypothesis());
        }
        StoredIncident stored = archive.get(s.id());
        assertArrayEquals(Files.readAllBytes(FOUNDING), stored.input());
        // The stored report, read back, renders to the same bytes as the report of a fresh triage.
        Report back = archive.report(s.id());
        assertEquals(JsonRenderer.pretty(direct), JsonRenderer.pretty(back));
        assertEquals(MarkdownRenderer.render(direct), MarkdownRenderer.render(back));
        assertTrue(stored.traceJson().contains("\"firings\""), "the full trace is kept");
    }

    @Test
    void storesAnIncidentOnceUnlessAgain() throws Exception {
        archiveBatch(List.of(FOUNDING, INCIDENT), null, false);
        assertEquals(2, archive.count());
        archiveBatch(List.of(FOUNDING, INCIDENT), null, false);
        assertEquals(2, archive.count(), "the same input, rules and knowledge base are kept once");
        archiveBatch(List.of(FOUNDING), null, true);
        assertEquals(3, archive.count(), "--again keeps a repeat");
    }

    @Test
    void filtersByHypothesisVerdictModelDateAndFingerprint() throws Exception {
        archiveBatch(List.of(FOUNDING, INCIDENT), null, false);
        List<IncidentSummary> all = archive.history(HistoryFilter.all());
        assertEquals(2, all.size());
        IncidentSummary incident = all.stream().filter(s -> s.input().endsWith("chinese-llama-plus-ppl-past-2048.yaml")).findFirst().orElseThrow();
        String hypothesis = incident.verdicts().get(0).hypothesis();
        List<IncidentSummary> byHypothesis = archive.history(new HistoryFilter(hypothesis, null, null, null, null, null, false, 0));
        assertTrue(byHypothesis.stream().anyMatch(s -> s.id() == incident.id()));
        assertTrue(byHypothesis.stream().allMatch(s -> s.verdicts().stream().anyMatch(v -> hypothesis.equals(v.hypothesis()))));
        assertEquals(List.of(), archive.history(new HistoryFilter(null, "no-such-verdict", null, null, null, null, false, 0)));
        if (incident.model() != null) {
            assertEquals(incident.id(), archive.history(new HistoryFilter(null, null, incident.model().toUpperCase(java.util.Locale.ROOT),
                    null, null, null, false, 0)).get(0).id());
        }
        assertEquals(2, archive.history(new HistoryFilter(null, null, null, CLOCK.instant(), CLOCK.instant().plusSeconds(1), null, false, 0)).size());
        assertEquals(0, archive.history(new HistoryFilter(null, null, null, CLOCK.instant().plusSeconds(1), null, null, false, 0)).size());
        String prefix = triage.rules().fingerprint().substring(0, 10);
        assertEquals(2, archive.history(new HistoryFilter(null, null, null, null, null, prefix, false, 0)).size());
        assertEquals(1, archive.history(new HistoryFilter(null, null, null, null, null, null, false, 1)).size());
        ArchiveException bad = assertThrows(ArchiveException.class,
                () -> archive.history(new HistoryFilter(null, null, null, null, null, "x' OR 1=1 --", false, 0)));
        assertEquals("archive.filter", bad.problems().get(0).code());
    }

    @Test
    void confirmsAndForgets() throws Exception {
        archiveBatch(List.of(FOUNDING, INCIDENT), null, false);
        IncidentSummary incident = archive.history(HistoryFilter.all()).stream()
                .filter(s -> s.input().endsWith("chinese-llama-plus-ppl-past-2048.yaml")).findFirst().orElseThrow();
        String build = incident.verdicts().get(0).build();
        archive.confirm(incident.id(), null, "rope-extrapolation", List.of(), "from the pull request", CLOCK.instant());
        archive.confirm(incident.id(), build, "rope-extrapolation", List.of("other-id"), "corrected", CLOCK.instant());
        IncidentSummary after = archive.summary(incident.id());
        assertEquals(List.of(new Confirmation(build, "rope-extrapolation", List.of("other-id"), "corrected", CLOCK.instant())), after.confirmations());
        assertEquals(List.of(incident.id()), archive.ids(HistoryFilter.all().onlyConfirmed()));
        ArchiveException wrongBuild = assertThrows(ArchiveException.class,
                () -> archive.confirm(incident.id(), "no-such-build", "x", List.of(), null, CLOCK.instant()));
        assertEquals("archive.build", wrongBuild.problems().get(0).code());
        assertTrue(archive.forget(incident.id()));
        assertFalse(archive.forget(incident.id()));
        assertEquals(1, archive.count());
        assertEquals(List.of(), archive.ids(HistoryFilter.all().onlyConfirmed()), "the confirmation went with the incident");
        ArchiveException gone = assertThrows(ArchiveException.class, () -> archive.get(incident.id()));
        assertEquals("archive.not-found", gone.problems().get(0).code());
    }

    @Test
    void reopeningKeepsEverything() throws Exception {
        archiveBatch(List.of(FOUNDING), null, false);
        ArchiveLocation at = archive.location();
        archive.close();
        archive = IncidentArchive.open(at);
        assertEquals(1, archive.count());
    }
}
