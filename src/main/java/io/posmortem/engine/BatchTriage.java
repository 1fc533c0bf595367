package io.posmortem.engine;

import io.posmortem.model.AtomicFiles;
import io.posmortem.inference.InferenceException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.SourceText;
import io.posmortem.model.Problem;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.Report;
import io.posmortem.report.ReportBuilder;
import io.posmortem.report.ReportDetail;
import io.posmortem.report.TraceDocument;
import io.posmortem.report.TraceDocuments;
import io.posmortem.run.TriageRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Triages many inputs with one {@link Triage}: in parallel, reported in input order, each input's
 * failure its own (an invalid input, rules that could not finish, a report that cannot be written,
 * even a bug) while the others go on.
 *
 * <p>Contracts:
 * <ul>
 * <li>Order: the listener sees input {@code i} before input {@code i + 1}; reports, status lines
 *     and the trace file are in input order whatever the number of jobs.</li>
 * <li>Memory: at most {@code 4 x jobs} inputs are in flight ahead of the one being handed out,
 *     so the reports and traces held at once are bounded whatever the number of inputs.</li>
 * <li>Output directory: report names are fixed up front from the input file names (a clash gets
 *     {@code -2}, {@code -3}, ... in input order), so a resumed run finds the same names; each report
 *     is written to a temporary file and moved into place, never seen half written.</li>
 * <li>{@code skipExisting}: a report is kept when its marker records the same input bytes and the
 *     same run key (version, rules, knowledge base, options); failed reports are never kept.</li>
 * <li>Trace file: written as inputs complete into a temporary file, moved into place at the end;
 *     a write error is one {@link BatchListener#warning} and counts as a failure.</li>
 * </ul>
 */
public final class BatchTriage {

    /** The status of an input whose report from an earlier run was kept. */
    public static final String SKIPPED = "skipped";

    private final Triage triage;
    private final BatchOptions options;
    private final ReportBuilder reports;
    private final IncidentSink sink;

    public BatchTriage(Triage triage, BatchOptions options) {
        this(triage, options, null);
    }

    private BatchTriage(Triage triage, BatchOptions options, IncidentSink sink) {
        this.triage = triage;
        this.options = options;
        this.reports = triage.reports();
        this.sink = sink;
    }

    /**
     * This batch handing every input triaged to a report to {@code sink} as well (an archive). A
     * sink that fails keeps the input's report and adds an {@code archive.write} problem; the batch
     * then counts as failed.
     */
    public BatchTriage withSink(IncidentSink sink) {
        return new BatchTriage(triage, options, sink);
    }

    /**
     * Triages {@code inputs} (already expanded, see {@link BatchInputs}), handing each outcome to
     * {@code listener} in input order, and sums them up.
     *
     * @throws InterruptedException if the calling thread is interrupted; inputs in flight are abandoned
     */
    public BatchSummary run(List<BatchInput> inputs, BatchListener listener) throws InterruptedException {
        long started = System.nanoTime();
        int total = inputs.size();
        int threads = Math.max(1, Math.min(options.jobs() > 0 ? options.jobs() : Runtime.getRuntime().availableProcessors(), total));
        List<Path> targets = targets(inputs);
        String runKey = DoneMarkers.runKey(triage, options);
        int window = 4 * threads;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "posmortem-triage");
            t.setDaemon(true);
            return t;
        });
        List<Future<Result>> results = new ArrayList<>();
        boolean anyInvalid = false;
        boolean anyFailed = false;
        boolean anyInternal = false;
        int triaged = 0;
        int invalid = 0;
        int failed = 0;
        int skipped = 0;
        TraceSink traces = options.traceFile() == null ? null : TraceSink.open(options.traceFile(), listener::warning);
        if (traces != null && traces.broken()) anyFailed = true;
        try {
            for (int i = 0; i < Math.min(window, total); i++) results.add(submit(pool, inputs, targets, i, runKey));
            for (int i = 0; i < total; i++) {
                BatchInput input = inputs.get(i);
                if (i + window < total) results.add(submit(pool, inputs, targets, i + window, runKey));
                Result result;
                try {
                    result = results.get(i).get();
                    results.set(i, null);
                } catch (ExecutionException e) {
                    // A bug on one input: say so for that input and go on with the others.
                    anyInternal = true;
                    Report broken = reports.failed(input.name(), List.of(new Problem("internal", input.name(), "", 0, 0,
                            "internal error: " + e.getCause(), null, "please report it with this input")));
                    result = new Result(broken, render(broken, total), null, List.of(broken.errors().get(0).oneLine()), false, null, false);
                }
                Path target = targets.isEmpty() ? null : targets.get(i);
                if (target != null && !result.skipped()) result = write(input, target, result, runKey);
                Report report = result.report();
                if (result.unarchived()) anyFailed = true;
                if (result.skipped()) skipped++;
                if (Report.INVALID.equals(report.status())) {
                    anyInvalid = true;
                    if (!result.skipped()) invalid++;
                } else if (Report.FAILED.equals(report.status())) {
                    anyFailed = true;
                    failed++;
                } else if (!result.skipped()) {
                    triaged++;
                }
                listener.completed(new InputOutcome(i, total, input.name(), result.skipped() ? SKIPPED : report.status(), report,
                        result.rendered(), target, result.problems()));
                if (result.trace() != null && traces != null) {
                    traces.write(result.trace());
                    if (traces.broken()) anyFailed = true;
                }
            }
            if (traces != null) {
                traces.commit();
                if (traces.broken()) anyFailed = true;
            }
        } finally {
            if (traces != null) traces.discard();
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new BatchSummary(total, triaged, invalid, failed, skipped, seconds, threads, anyInvalid, anyFailed, anyInternal);
    }

    /** Report files in the output directory, one per input in input order; empty without one. */
    private List<Path> targets(List<BatchInput> inputs) {
        List<Path> targets = new ArrayList<>();
        if (options.out() == null) return targets;
        Set<String> taken = new HashSet<>();
        for (BatchInput input : inputs) targets.add(options.out().resolve(uniqueName(input, options.format().extension(), taken)));
        return targets;
    }

    private static String uniqueName(BatchInput input, String extension, Set<String> taken) {
        Path file = input.path() == null ? null : input.path().getFileName();
        String name = file == null ? "input" : file.toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String candidate = stem + extension;
        for (int i = 2; !taken.add(candidate); i++) candidate = stem + "-" + i + extension;
        return candidate;
    }

    private Future<Result> submit(ExecutorService pool, List<BatchInput> inputs, List<Path> targets, int index, String runKey) {
        Path target = targets.isEmpty() ? null : targets.get(index);
        return pool.submit(() -> triageOne(inputs.get(index), inputs.size(), target, runKey));
    }

    /**
     * What triaging one input gives: its report, the report rendered, its trace line(s) for the
     * trace file (or null), its problem lines, whether an earlier run's report was kept instead, and
     * the SHA-256 of the input's bytes when {@code skipExisting} needs it (else null), and whether the
     * sink failed to keep it.
     */
    private record Result(Report report, String rendered, String trace, List<String> problems, boolean skipped, String inputSha256,
            boolean unarchived) {}

    private Result triageOne(BatchInput input, int inputs, Path target, String runKey) {
        List<String> problems = new ArrayList<>();
        // Without an output directory a text report of an invalid input already says its problems.
        boolean sayInvalid = options.format() != ReportFormat.text || options.out() != null;
        if (input.problem() != null) {
            Report report = reports.invalid(input.name(), List.of(input.problem()));
            if (sayInvalid) problems.add(input.problem().oneLine());
            return new Result(report, render(report, inputs), null, List.copyOf(problems), false, null, false);
        }
        String sha = options.skipExisting() ? DoneMarkers.sha256Of(input.path()) : null;
        if (sha != null) {
            String done = DoneMarkers.doneStatus(target, runKey, sha);
            if (done != null) {
                Report kept = new Report("posmortem", ProductVersion.VALUE, input.name(), sha, done, null, triage.knowledge().fingerprint(),
                        triage.rules().fingerprint(), triage.pack(), List.of(), List.of(), List.of(), null);
                return new Result(kept, "", null, List.of(), true, sha, false);
            }
        }
        Report report;
        TriageRun run = null;
        byte[] bytes = null;
        try {
            if (sink == null) {
                run = triage.run(input.path(), options.modelConfig(), options.whatIf(), options.configAnywhere());
            } else {
                // The bytes triaged are the bytes kept: the file is read once.
                bytes = SourceText.readBytes(input.path());
                run = triage.run(SourceText.of(input.path().toString(), bytes), options.modelConfig(), options.whatIf(), options.configAnywhere());
            }
            report = reports.diagnosed(run, options.format() == ReportFormat.json ? options.detail() : ReportDetail.full);
        } catch (InvalidInputException e) {
            report = reports.invalid(input.name(), e.problems());
            if (sayInvalid) e.problems().forEach(p -> problems.add(p.oneLine()));
        } catch (InferenceException e) {
            report = reports.failed(input.name(), e.problems());
            e.problems().forEach(p -> problems.add(p.oneLine()));
        }
        String trace = null;
        boolean unarchived = false;
        if (run != null && (options.traceFile() != null || options.withTrace() || sink != null)) {
            TraceDocument doc = TraceDocuments.of(run, triage.rules().fingerprint(), triage.knowledge().fingerprint(), ProductVersion.VALUE);
            if (sink != null) {
                try {
                    // The archive keeps the full report, whatever detail this batch prints: show renders it in any format.
                    Report kept = report.status().equals(Report.DIAGNOSED) && options.format() == ReportFormat.json
                            && options.detail() != ReportDetail.full ? reports.diagnosed(run, ReportDetail.full) : report;
                    sink.triaged(new TriagedInput(input.name(), input.path().toString(), bytes, options.whatIf(), run, kept, doc));
                } catch (Exception e) {
                    unarchived = true;
                    problems.add(new Problem("archive.write", input.name(), "", 0, 0, "the incident was not archived: " + e.getMessage(),
                            "a writable archive", "check --archive and run again: archived incidents are not added twice").oneLine());
                }
            }
            if (options.traceFile() != null) trace = inputs == 1 ? JsonRenderer.prettyValue(doc) : JsonRenderer.lineValue(doc);
            if (options.withTrace()) report = report.withTrace(doc);
        }
        return new Result(report, render(report, inputs), trace, List.copyOf(problems), false, sha, unarchived);
    }

    /** Writes a report and its marker; a full disk or a read-only directory fails this input's report, not the batch. */
    private Result write(BatchInput input, Path target, Result result, String runKey) {
        try {
            AtomicFiles.write(target, result.rendered());
            DoneMarkers.markDone(target, options.skipExisting(), runKey, result.inputSha256(), result.report().status());
            return result;
        } catch (IOException | RuntimeException e) {
            Problem cannot = new Problem("output.write", target.toString(), "", 0, 0,
                    "cannot write the report: " + e, "a writable --out directory with free space", null);
            Report report = reports.failed(input.name(), List.of(cannot));
            return new Result(report, result.rendered(), result.trace(), List.of(cannot.oneLine()), false, null, result.unarchived());
        }
    }

    private String render(Report report, int inputs) {
        return options.format().render(report, options.format() == ReportFormat.json && !(inputs == 1 || options.out() != null));
    }
}
