package io.posmortem.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.report.ReportDetail;
import io.posmortem.report.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch contracts of {@link BatchTriage}, through its API only: input order whatever the
 * number of jobs, each input's failure its own, fixed report names, kept reports on a resumed run.
 * Expected statuses come from the fixtures' own documentation: the founding case is diagnosed
 * (fixtures/seed), syntax-error.yaml is invalid (fixtures/invalid/expected-errors.tsv).
 */
class BatchTriageTest {
    static final Path SEED = Path.of("fixtures/seed/founding-case.yaml");
    static final Path SYNTAX = Path.of("fixtures/invalid/syntax-error.yaml");
    static Triage triage;

    @BeforeAll
    static void load() throws Exception {
        triage = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
    }

    /** Collects what the batch hands out, in the order it hands it out. */
    static final class Recorder implements BatchListener {
        final List<InputOutcome> outcomes = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public void completed(InputOutcome outcome) {
            outcomes.add(outcome);
        }

        @Override
        public void warning(String line) {
            warnings.add(line);
        }
    }

    static BatchOptions options(ReportFormat format, Path out, boolean skipExisting, int jobs) {
        return new BatchOptions(format, out, null, false, jobs, null, false, skipExisting, null, ReportDetail.full);
    }

    @Test
    void outcomesArriveInInputOrderAndOneFailureStaysItsOwn() throws Exception {
        List<BatchInput> inputs = List.of(BatchInput.of(SYNTAX), BatchInput.of(SEED), BatchInput.of(Path.of("fixtures/no-such-file.yaml")),
                BatchInput.of(SEED));
        Recorder recorder = new Recorder();
        BatchSummary summary = new BatchTriage(triage, options(ReportFormat.json, null, false, 3)).run(inputs, recorder);
        assertEquals(List.of(0, 1, 2, 3), recorder.outcomes.stream().map(InputOutcome::index).toList());
        assertEquals(List.of(Report.INVALID, Report.DIAGNOSED, Report.INVALID, Report.DIAGNOSED),
                recorder.outcomes.stream().map(InputOutcome::status).toList());
        assertEquals(inputs.stream().map(BatchInput::name).toList(), recorder.outcomes.stream().map(InputOutcome::input).toList());
        // JSON for several inputs on one stream: one line per report (JSON Lines).
        recorder.outcomes.forEach(o -> assertEquals(1, o.rendered().split("\n", -1).length - 1, o.rendered()));
        assertFalse(recorder.outcomes.get(0).problems().isEmpty(), "an invalid input says its problem");
        assertEquals(new BatchSummary(4, 2, 2, 0, 0, summary.seconds(), 3, true, false, false), summary);
        // The same report for the same input, whatever else is in the batch.
        assertEquals(recorder.outcomes.get(1).rendered(), recorder.outcomes.get(3).rendered());
    }

    @Test
    void aTextReportOfAnInvalidInputIsItsOwnErrorMessage() throws Exception {
        Recorder recorder = new Recorder();
        new BatchTriage(triage, BatchOptions.defaults()).run(List.of(BatchInput.of(SYNTAX)), recorder);
        InputOutcome o = recorder.outcomes.get(0);
        assertEquals(Report.INVALID, o.status());
        assertTrue(o.problems().isEmpty(), "the text report already says the problems: " + o.problems());
        assertTrue(o.rendered().contains("syntax-error.yaml"), o.rendered());
    }

    @Test
    void reportNamesAreFixedUpFrontAndAResumedRunKeepsThem(@TempDir Path dir) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("other")).resolve("founding-case.yaml");
        Files.copy(SEED, copy);
        Path out = dir.resolve("out");
        List<BatchInput> inputs = List.of(BatchInput.of(SEED), BatchInput.of(copy), BatchInput.of(SYNTAX));
        Recorder first = new Recorder();
        BatchSummary one = new BatchTriage(triage, options(ReportFormat.markdown, out, true, 2)).run(inputs, first);
        assertEquals(List.of(out.resolve("founding-case.md"), out.resolve("founding-case-2.md"), out.resolve("syntax-error.md")),
                first.outcomes.stream().map(InputOutcome::target).toList());
        for (InputOutcome o : first.outcomes) {
            assertEquals(o.rendered(), Files.readString(o.target(), StandardCharsets.UTF_8), "written whole: " + o.target());
        }
        assertEquals(0, one.skipped());

        Recorder second = new Recorder();
        BatchSummary two = new BatchTriage(triage, options(ReportFormat.markdown, out, true, 2)).run(inputs, second);
        assertEquals(List.of(BatchTriage.SKIPPED, BatchTriage.SKIPPED, BatchTriage.SKIPPED),
                second.outcomes.stream().map(InputOutcome::status).toList());
        assertEquals(3, two.skipped());
        assertTrue(two.anyInvalid(), "a kept invalid report still makes the batch invalid");

        // Changed input bytes: that input alone is triaged again.
        Files.writeString(copy, Files.readString(copy) + "\n# edited\n");
        Recorder third = new Recorder();
        new BatchTriage(triage, options(ReportFormat.markdown, out, true, 2)).run(inputs, third);
        assertEquals(List.of(BatchTriage.SKIPPED, Report.DIAGNOSED, BatchTriage.SKIPPED),
                third.outcomes.stream().map(InputOutcome::status).toList());
    }

    @Test
    void aTraceFileThatCannotBeWrittenIsAWarningAndAFailure(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Path trace = blocker.resolve("trace.json"); // a directory that is a file: cannot be created
        Recorder recorder = new Recorder();
        BatchSummary summary = new BatchTriage(triage, new BatchOptions(ReportFormat.json, null, trace, false, 1, null, false, false, null, ReportDetail.full))
                .run(List.of(BatchInput.of(SEED)), recorder);
        assertEquals(Report.DIAGNOSED, recorder.outcomes.get(0).status(), "the report is still made");
        assertEquals(1, recorder.warnings.size(), recorder.warnings.toString());
        assertTrue(recorder.warnings.get(0).contains("cannot write trace"), recorder.warnings.toString());
        assertTrue(summary.anyFailed());
    }

    @Test
    void listedPathsSkipCommentsAndTurnBadLinesIntoTheirOwnInvalidInputs() {
        List<BatchInput> listed = BatchInputs.listed("# a comment\n\nfixtures/seed/founding-case.yaml\r\nbad\u0001line\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, listed.size());
        assertEquals(SEED, listed.get(0).path());
        assertEquals("<stdin>:4", listed.get(1).name());
        assertEquals("input.list-entry", listed.get(1).problem().code());
        assertEquals(4, listed.get(1).problem().line());
    }

    @Test
    void directoriesExpandToTheirSymptomFilesInPathOrder(@TempDir Path dir) throws Exception {
        for (String name : List.of("b.yaml", "a.json", "c.txt", "d.YML")) Files.writeString(dir.resolve(name), "x");
        List<BatchInput> files = BatchInputs.expand(List.of(BatchInput.of(dir)));
        assertEquals(List.of(dir.resolve("a.json"), dir.resolve("b.yaml"), dir.resolve("d.YML")), files.stream().map(BatchInput::path).toList());
    }
}
