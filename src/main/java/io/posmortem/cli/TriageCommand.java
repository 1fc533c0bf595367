package io.posmortem.cli;

import io.posmortem.inference.InferenceException;
import io.posmortem.inference.RulePackException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.model.Problem;
import io.posmortem.report.HtmlRenderer;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.MarkdownRenderer;
import io.posmortem.report.TraceDocument;
import io.posmortem.report.TraceDocuments;
import io.posmortem.report.TriageRun;
import io.posmortem.report.Report;
import io.posmortem.report.ReportBuilder;
import io.posmortem.report.TextRenderer;
import io.posmortem.intake.SourceText;
import io.posmortem.report.DisplayText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code posmortem triage FILE|DIR...}: diagnose symptom files. */
@Command(name = "triage", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Diagnose one or more symptom files (YAML or JSON); directories are searched for *.yaml, *.yml, *.json.")
public final class TriageCommand implements Callable<Integer> {

    enum Format {
        text(".txt"), json(".json"), markdown(".md"), html(".html");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR|-", description = "Symptom files, directories of them, or - to read a list of paths from standard input.")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "DIR", description = "Write one report file per input into DIR instead of printing reports.")
    Path out;

    @CommandLine.Mixin
    RuleSources sources = new RuleSources();

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Also write the full trace (every firing, fact and binding) as JSON to FILE; JSON Lines for several inputs, written as each input completes.")
    Path traceFile;

    @Option(names = "--with-trace", description = "Embed the full trace in the JSON report (field 'trace').")
    boolean withTrace;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "0",
            description = "Inputs triaged in parallel (default: one per core). Output stays in input order.")
    int jobs;

    @Option(names = "--model-config", paramLabel = "FILE",
            description = "A Hugging Face config.json for inputs whose model does not name one (model.config).")
    Path modelConfig;

    @Option(names = "--allow-config-anywhere",
            description = "Read a model.config even when it lies outside the symptom file's directory tree (only for files you trust).")
    boolean configAnywhere;

    @Option(names = "--skip-existing",
            description = "With --out: skip an input whose report is already there for the same input bytes, rules, knowledge base and options (resumes a killed run).")
    boolean skipExisting;

    @Option(names = "--status-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "With --out, one status line per input: text (status, input, report separated by tabs, escaped) or json (one object per line).")
    StatusFormat statusFormat;

    enum StatusFormat { text, json }

    @Option(names = "--what-if", paramLabel = "JSON",
            description = "A rope_scaling block to evaluate beside the current configuration of every RoPE build, e.g. '{\"rope_type\":\"yarn\",\"factor\":8}'.")
    String whatIf;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (skipExisting && out == null) return usage(stderr, "--skip-existing needs --out DIR (it skips reports already written there)");
        if (statusFormat == StatusFormat.json && out == null) return usage(stderr, "--status-format needs --out DIR (status lines replace the reports)");
        if (traceFile != null && Files.exists(traceFile) && !Files.isRegularFile(traceFile)) {
            return usage(stderr, "--trace " + DisplayText.line(traceFile.toString()) + ": not a regular file");
        }
        Triage triage;
        try {
            triage = sources.load();
        } catch (KnowledgeBaseException e) {
            return broken(stderr, "knowledge base " + sources.kb, e.problems());
        } catch (RulePackException e) {
            return broken(stderr, "rules " + sources.rules, e.problems());
        }
        ReportBuilder reports = new ReportBuilder(triage.knowledge(), triage.rules().fingerprint(), Version.VALUE);
        List<Input> given = new ArrayList<>();
        for (Path input : inputs) {
            if (!input.toString().equals("-")) {
                given.add(new Input(input.toString(), input, null));
                continue;
            }
            try {
                given.addAll(listed(System.in.readAllBytes()));
            } catch (IOException e) {
                return usage(stderr, "cannot read the list of inputs on standard input: " + e.getMessage());
            }
        }
        List<Input> files = expand(given);
        if (files.isEmpty()) return usage(stderr, "no inputs");
        if (format == Format.html && files.size() > 1 && out == null) {
            return usage(stderr, "several HTML reports need --out DIR (one page per input)");
        }
        long started = System.nanoTime();
        int threads = Math.max(1, Math.min(jobs > 0 ? jobs : Runtime.getRuntime().availableProcessors(), files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "posmortem-triage");
            t.setDaemon(true);
            return t;
        });
        // Report names are fixed up front, in input order, so that a resumed run finds the same names.
        List<Path> targets = new ArrayList<>();
        if (out != null) {
            Set<String> taken = new HashSet<>();
            for (Input file : files) targets.add(out.resolve(uniqueName(file, format.extension, taken)));
        }
        String runKey = runKey(triage);
        // A window of inputs in flight ahead of the one being written keeps every core busy while
        // bounding the reports (and traces) held in memory, whatever the number of inputs.
        int window = 4 * threads;
        List<Future<Result>> results = new ArrayList<>();
        for (int i = 0; i < Math.min(window, files.size()); i++) {
            int index = i;
            results.add(pool.submit(() -> triageOne(triage, reports, files.get(index), files.size(), target(targets, index), runKey)));
        }
        boolean anyInvalid = false;
        boolean anyFailed = false;
        boolean anyInternal = false;
        int[] counts = new int[4];
        TraceSink traces = traceFile == null ? null : TraceSink.open(traceFile, stderr);
        if (traces != null && traces.broken()) anyFailed = true;
        boolean progress = System.console() != null && files.size() > 20;
        try {
            for (int i = 0; i < files.size(); i++) {
                Input file = files.get(i);
                if (i + window < files.size()) {
                    int next = i + window;
                    results.add(pool.submit(() -> triageOne(triage, reports, files.get(next), files.size(), target(targets, next), runKey)));
                }
                Result result;
                try {
                    result = results.get(i).get();
                    results.set(i, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExitCodes.INTERNAL;
                } catch (ExecutionException e) {
                    // A bug on one input: say so for that input and go on with the others.
                    anyInternal = true;
                    Report failed = reports.failed(file.name(), List.of(new Problem("internal", file.name(), "", 0, 0,
                            "internal error: " + e.getCause(), null, "please report it with this input")));
                    result = new Result(failed, render(failed, files.size()), null, List.of(failed.errors().get(0).oneLine()), false, null);
                }
                Report report = result.report();
                String status = result.skipped() ? SKIPPED : report.status();
                if (out != null && !result.skipped()) {
                    Path target = targets.get(i);
                    try {
                        writeAtomically(target, result.rendered());
                        markDone(target, runKey, result.inputSha256(), report.status());
                    } catch (IOException | RuntimeException e) {
                        // A full disk or a read-only directory fails this input's report, not the batch.
                        Problem cannot = new Problem("output.write", target.toString(), "", 0, 0,
                                "cannot write the report: " + e, "a writable --out directory with free space", null);
                        report = reports.failed(file.name(), List.of(cannot));
                        status = report.status();
                        result = new Result(report, result.rendered(), result.trace(), List.of(cannot.oneLine()), false, null);
                    }
                }
                result.errors().forEach(line -> stderr.println(DisplayText.line(line)));
                if (result.skipped()) {
                    counts[3]++;
                }
                if (Report.INVALID.equals(report.status())) {
                    anyInvalid = true;
                    if (!result.skipped()) counts[1]++;
                } else if (Report.FAILED.equals(report.status())) {
                    anyFailed = true;
                    counts[2]++;
                } else if (!result.skipped()) {
                    counts[0]++;
                }
                if (result.trace() != null && traces != null) {
                    traces.write(result.trace());
                    if (traces.broken()) anyFailed = true;
                }
                if (out != null) {
                    stdout.print(statusLine(status, file.name(), targets.get(i).toString()));
                } else if (format == Format.text && Report.INVALID.equals(report.status())) {
                    stderr.print(result.rendered());
                    stderr.flush();
                } else {
                    stdout.print(result.rendered());
                    if ((format == Format.text || format == Format.markdown) && files.size() > 1) stdout.println();
                }
                stdout.flush();
                if (progress) {
                    stderr.print("\r[" + (i + 1) + "/" + files.size() + "]");
                    stderr.flush();
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
        if (progress) stderr.println();
        if (files.size() > 1) {
            double seconds = (System.nanoTime() - started) / 1e9;
            stderr.println(String.format(Locale.ROOT, "posmortem: %d input(s): %d triaged, %d invalid, %d failed%s in %.2f s (%.0f files/s, %d thread(s))",
                    files.size(), counts[0], counts[1], counts[2], counts[3] > 0 ? ", " + counts[3] + " skipped" : "", seconds,
                    files.size() / Math.max(seconds, 1e-9), threads));
        }
        stderr.flush();
        if (anyInternal) return ExitCodes.INTERNAL;
        if (anyFailed) return ExitCodes.RULES;
        return anyInvalid ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    }

    /** The status word of an input whose report from an earlier run was kept ({@code --skip-existing}). */
    static final String SKIPPED = "skipped";

    /** The longest path accepted from the list on standard input, in characters. */
    static final int MAX_LISTED_PATH = 4096;

    /**
     * One input: {@code name} as reported (the path as given, or {@code <stdin>:N} for a line of the
     * list that is not a path), the path to read, or the problem that makes it invalid before reading.
     */
    record Input(String name, Path path, Problem problem) {}

    /**
     * The paths listed on standard input, one per line; blank lines and {@code #} comments skipped.
     * A line that cannot be a path (a NUL or another control character, longer than
     * {@link #MAX_LISTED_PATH}, not a valid path here) is that line's own invalid input.
     */
    static List<Input> listed(byte[] stdin) {
        List<Input> listed = new ArrayList<>();
        String[] lines = new String(stdin, StandardCharsets.UTF_8).split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            String path = line.strip();
            if (path.isEmpty() || path.startsWith("#")) continue;
            String name = "<stdin>:" + (n + 1);
            String wrong = null;
            if (path.length() > MAX_LISTED_PATH) wrong = "the line is " + path.length() + " characters long";
            else if (path.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) wrong = "the line holds a control character";
            Path parsed = null;
            if (wrong == null) {
                try {
                    parsed = Path.of(path);
                } catch (java.nio.file.InvalidPathException e) {
                    wrong = "the line is not a path here (" + e.getReason() + ")";
                }
            }
            if (wrong != null) {
                listed.add(new Input(name, null, new Problem("input.list-entry", name, "", n + 1, 0, wrong,
                        "one path per line, at most " + MAX_LISTED_PATH + " characters, no control characters", "fix that line of the list")));
            } else {
                listed.add(new Input(path, parsed, null));
            }
        }
        return listed;
    }

    private String statusLine(String status, String input, String report) {
        if (statusFormat == StatusFormat.json) return JsonRenderer.lineValue(new StatusLine(status, input, report));
        return status + "\t" + DisplayText.escapeField(input) + "\t" + DisplayText.escapeField(report) + "\n";
    }

    /** One {@code --status-format json} line. */
    record StatusLine(String status, String input, String report) {}

    private static Path target(List<Path> targets, int index) {
        return targets.isEmpty() ? null : targets.get(index);
    }

    private static int usage(PrintWriter stderr, String message) {
        stderr.println("posmortem triage: " + message);
        stderr.flush();
        return ExitCodes.USAGE;
    }

    /**
     * What triaging one input gives: its report, the report rendered, its trace (or null), its
     * problem lines for stderr, whether an earlier run's report was kept instead, and the SHA-256 of
     * the input's bytes when {@code --skip-existing} needs it (else null).
     */
    record Result(Report report, String rendered, String trace, List<String> errors, boolean skipped, String inputSha256) {}

    private Result triageOne(Triage triage, ReportBuilder reports, Input file, int inputs, Path target, String runKey) {
        List<String> errors = new ArrayList<>();
        if (file.problem() != null) {
            Report report = reports.invalid(file.name(), List.of(file.problem()));
            if (format != Format.text || out != null) errors.add(file.problem().oneLine());
            return new Result(report, render(report, inputs), null, List.copyOf(errors), false, null);
        }
        String sha = skipExisting ? sha256Of(file.path()) : null;
        if (sha != null) {
            String done = doneStatus(target, runKey, sha);
            if (done != null) {
                Report kept = new Report("posmortem", Version.VALUE, file.name(), sha, done, null, triage.knowledge().fingerprint(),
                        triage.rules().fingerprint(), List.of(), List.of(), List.of(), null);
                return new Result(kept, "", null, List.of(), true, sha);
            }
        }
        Report report;
        TriageRun run = null;
        try {
            run = triage.run(file.path(), modelConfig, whatIf, configAnywhere);
            report = reports.diagnosed(run);
        } catch (InvalidInputException e) {
            report = reports.invalid(file.name(), e.problems());
            if (format != Format.text || out != null) e.problems().forEach(p -> errors.add(p.oneLine()));
        } catch (InferenceException e) {
            report = reports.failed(file.name(), e.problems());
            e.problems().forEach(p -> errors.add(p.oneLine()));
        }
        String trace = null;
        if (run != null && (traceFile != null || withTrace)) {
            TraceDocument doc = TraceDocuments.of(run, triage.rules().fingerprint(), triage.knowledge().fingerprint(), Version.VALUE);
            if (traceFile != null) trace = inputs == 1 ? JsonRenderer.prettyValue(doc) : JsonRenderer.lineValue(doc);
            if (withTrace) report = report.withTrace(doc);
        }
        return new Result(report, render(report, inputs), trace, List.copyOf(errors), false, sha);
    }

    private String render(Report report, int inputs) {
        return switch (format) {
            case json -> inputs == 1 || out != null ? JsonRenderer.pretty(report) : JsonRenderer.line(report);
            case markdown -> MarkdownRenderer.render(report);
            case html -> HtmlRenderer.render(report);
            default -> TextRenderer.render(report);
        };
    }

    private static int broken(PrintWriter stderr, String what, List<Problem> problems) {
        stderr.println("posmortem: " + what + ": " + problems.size() + " problem(s); nothing was triaged");
        problems.forEach(p -> stderr.println("  " + DisplayText.line(p.oneLine())));
        stderr.flush();
        return ExitCodes.RULES;
    }

    /**
     * Inputs as given, directories expanded to their *.yaml, *.yml, *.json entries in path order.
     * Missing paths and entries that are not regular files are kept (they report themselves); a
     * directory that cannot be listed becomes its own invalid input and the walk goes on.
     */
    static List<Input> expand(List<Input> inputs) {
        List<Input> files = new ArrayList<>();
        for (Input input : inputs) {
            if (input.path() == null || !Files.isDirectory(input.path())) {
                files.add(input);
                continue;
            }
            List<Input> found = new ArrayList<>();
            try {
                Files.walkFileTree(input.path(), new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (isSymptomFile(file) && !Files.isDirectory(file)) found.add(new Input(file.toString(), file, null));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        found.add(new Input(file.toString(), file, new Problem("input.unreadable", file.toString(), "", 0, 0,
                                "cannot read this " + (Files.isDirectory(file) ? "directory" : "entry") + ": " + e.getClass().getSimpleName(),
                                "a readable directory of symptom files", "check its permissions")));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                found.add(new Input(input.name(), input.path(), new Problem("input.unreadable", input.name(), "", 0, 0,
                        "cannot walk the directory: " + e.getClass().getSimpleName(), null, null)));
            }
            found.sort(java.util.Comparator.comparing(Input::path));
            files.addAll(found);
        }
        return files;
    }

    private static boolean isSymptomFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String uniqueName(Input input, String extension, Set<String> taken) {
        Path file = input.path() == null ? null : input.path().getFileName();
        String name = file == null ? "input" : file.toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String candidate = stem + extension;
        for (int i = 2; !taken.add(candidate); i++) candidate = stem + "-" + i + extension;
        return candidate;
    }

    /**
     * What a report written with {@code --skip-existing} depends on besides its input: posmortem's
     * version, the rules' and knowledge base's fingerprints, and every option that changes a report.
     */
    private String runKey(Triage triage) {
        StringBuilder key = new StringBuilder();
        key.append(Version.VALUE).append('\n').append(triage.rules().fingerprint()).append('\n').append(triage.knowledge().fingerprint())
                .append('\n').append(format).append('\n').append(withTrace).append('\n').append(configAnywhere).append('\n')
                .append(whatIf).append('\n').append(modelConfig).append('\n')
                .append(modelConfig == null ? "" : String.valueOf(sha256Of(modelConfig)));
        return sha256(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The hidden file beside a report that records what it was made from. */
    static Path doneMarker(Path report) {
        return report.resolveSibling("." + report.getFileName() + ".posmortem");
    }

    /** The status recorded for {@code report} if it was made from these input bytes with this run key, else null. */
    private static String doneStatus(Path report, String runKey, String inputSha256) {
        if (report == null || !Files.isRegularFile(report)) return null;
        Path marker = doneMarker(report);
        try {
            if (!Files.isRegularFile(marker) || Files.size(marker) > 4096) return null;
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            if (lines.size() != 4 || !lines.get(0).equals("posmortem-report 1") || !lines.get(1).equals("run " + runKey)
                    || !lines.get(2).equals("input " + inputSha256)) {
                return null;
            }
            String status = lines.get(3).startsWith("status ") ? lines.get(3).substring(7) : "";
            return status.equals(Report.DIAGNOSED) || status.equals(Report.INVALID) ? status : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Records what a report just written was made from; a report written without
     * {@code --skip-existing} loses its record, so it is never mistaken for one made with other options.
     * Failed reports are not recorded: a resumed run tries them again.
     */
    private void markDone(Path report, String runKey, String inputSha256, String status) throws IOException {
        Path marker = doneMarker(report);
        if (!skipExisting || inputSha256 == null || Report.FAILED.equals(status)) {
            Files.deleteIfExists(marker);
            return;
        }
        writeAtomically(marker, "posmortem-report 1\nrun " + runKey + "\ninput " + inputSha256 + "\nstatus " + status + "\n");
    }

    /** SHA-256 of a regular file's bytes, or null if it cannot be read as one. */
    private static String sha256Of(Path file) {
        try {
            SourceText.checkRegular(file);
            try (InputStream in = Files.newInputStream(file)) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[65536];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0 && total <= SourceText.MAX_BYTES; total += n) digest.update(buffer, 0, n);
                return HexFormat.of().formatHex(digest.digest());
            }
        } catch (InvalidInputException | IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** Writes {@code content} to a temporary file beside {@code target} and moves it into place; the temporary file never stays behind. */
    static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".posmortem-", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            publish(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Moves a finished temporary file into place, readable like an ordinary file. */
    private static void publish(Path tmp, Path target) throws IOException {
        try {
            // Temporary files are created owner-only; a report is an ordinary file.
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The {@code --trace} file, written as each input completes: one trace per input (JSON Lines
     * for several inputs) into a temporary file beside the target, moved into place when the batch
     * is done, so memory stays bounded and a reader never sees half a file. A write error is
     * reported once and the rest of the batch goes on without a trace.
     */
    static final class TraceSink {
        private final Path target;
        private final PrintWriter stderr;
        private Path tmp;
        private java.io.Writer writer;
        private boolean broken;

        private TraceSink(Path target, PrintWriter stderr) {
            this.target = target;
            this.stderr = stderr;
        }

        static TraceSink open(Path target, PrintWriter stderr) {
            TraceSink sink = new TraceSink(target, stderr);
            try {
                Path dir = target.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                sink.tmp = Files.createTempFile(dir, ".posmortem-", ".tmp");
                sink.writer = Files.newBufferedWriter(sink.tmp, StandardCharsets.UTF_8);
            } catch (IOException e) {
                sink.fail(e);
            }
            return sink;
        }

        boolean broken() {
            return broken;
        }

        void write(String trace) {
            if (broken) return;
            try {
                writer.write(trace);
            } catch (IOException e) {
                fail(e);
            }
        }

        void commit() {
            if (broken) return;
            try {
                writer.close();
                writer = null;
                publish(tmp, target);
                tmp = null;
            } catch (IOException e) {
                fail(e);
            }
        }

        /** Removes the temporary file if the trace was not committed. */
        void discard() {
            try {
                if (writer != null) writer.close();
            } catch (IOException e) {
                // already reported or about to be removed
            }
            writer = null;
            try {
                if (tmp != null) Files.deleteIfExists(tmp);
            } catch (IOException e) {
                stderr.println(DisplayText.line(tmp + ": cannot remove the temporary trace: " + e.getMessage()));
            }
            tmp = null;
        }

        private void fail(IOException e) {
            stderr.println(DisplayText.line(target + ": cannot write trace: " + e));
            broken = true;
            discard();
        }
    }
}
