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
import java.io.IOException;
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
import java.util.stream.Stream;
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
            description = "Also write the full trace (every firing, fact and binding) as JSON to FILE; JSON Lines for several inputs.")
    Path traceFile;

    @Option(names = "--with-trace", description = "Embed the full trace in the JSON report (field 'trace').")
    boolean withTrace;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "0",
            description = "Inputs triaged in parallel (default: one per core). Output stays in input order.")
    int jobs;

    @Option(names = "--model-config", paramLabel = "FILE",
            description = "A Hugging Face config.json for inputs whose model does not name one (model.config).")
    Path modelConfig;

    @Option(names = "--what-if", paramLabel = "JSON",
            description = "A rope_scaling block to evaluate beside the current configuration of every RoPE build, e.g. '{\"rope_type\":\"yarn\",\"factor\":8}'.")
    String whatIf;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Triage triage;
        try {
            triage = sources.load();
        } catch (KnowledgeBaseException e) {
            return broken(stderr, "knowledge base " + sources.kb, e.problems());
        } catch (RulePackException e) {
            return broken(stderr, "rules " + sources.rules, e.problems());
        }
        ReportBuilder reports = new ReportBuilder(triage.knowledge(), triage.rules().fingerprint(), Version.VALUE);
        List<Path> given = new ArrayList<>();
        for (Path input : inputs) {
            if (!input.toString().equals("-")) {
                given.add(input);
                continue;
            }
            try {
                new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> given.add(Path.of(l)));
            } catch (IOException | java.nio.file.InvalidPathException e) {
                stderr.println("posmortem triage: cannot read the list of inputs on standard input: " + e.getMessage());
                stderr.flush();
                return ExitCodes.USAGE;
            }
        }
        List<Path> files = expand(given);
        if (files.isEmpty()) {
            stderr.println("posmortem triage: no inputs");
            stderr.flush();
            return ExitCodes.USAGE;
        }
        if (format == Format.html && files.size() > 1 && out == null) {
            stderr.println("posmortem triage: several HTML reports need --out DIR (one page per input)");
            stderr.flush();
            return ExitCodes.USAGE;
        }
        long started = System.nanoTime();
        int threads = Math.max(1, Math.min(jobs > 0 ? jobs : Runtime.getRuntime().availableProcessors(), files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "posmortem-triage");
            t.setDaemon(true);
            return t;
        });
        // A window of inputs in flight ahead of the one being written keeps every core busy while
        // bounding the reports held in memory, whatever the number of inputs.
        int window = 4 * threads;
        List<Future<Result>> results = new ArrayList<>();
        for (int i = 0; i < Math.min(window, files.size()); i++) {
            Path file = files.get(i);
            results.add(pool.submit(() -> triageOne(triage, reports, file, files.size())));
        }
        boolean anyInvalid = false;
        boolean anyFailed = false;
        boolean anyInternal = false;
        int[] counts = new int[3];
        Set<String> written = new HashSet<>();
        StringBuilder traces = new StringBuilder();
        boolean progress = System.console() != null && files.size() > 20;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (i + window < files.size()) {
                Path next = files.get(i + window);
                results.add(pool.submit(() -> triageOne(triage, reports, next, files.size())));
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
                Report failed = reports.failed(file.toString(), List.of(new Problem("internal", file.toString(), "", 0, 0,
                        "internal error: " + e.getCause(), null, "please report it with this input")));
                result = new Result(failed, render(failed, files.size()), null, List.of(failed.errors().get(0).oneLine()));
            }
            Report report = result.report();
            result.errors().forEach(stderr::println);
            if (Report.INVALID.equals(report.status())) {
                anyInvalid = true;
                counts[1]++;
            } else if (Report.FAILED.equals(report.status())) {
                anyFailed = true;
                counts[2]++;
            } else {
                counts[0]++;
            }
            if (result.trace() != null) traces.append(result.trace());
            if (out != null) {
                Path target = out.resolve(uniqueName(file, format.extension, written));
                try {
                    writeAtomically(target, result.rendered());
                } catch (IOException e) {
                    stderr.println(target + ": cannot write report: " + e.getMessage());
                    return ExitCodes.INTERNAL;
                }
                stdout.println(report.status() + "\t" + file + "\t" + target);
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
        pool.shutdown();
        if (progress) stderr.println();
        if (files.size() > 1) {
            double seconds = (System.nanoTime() - started) / 1e9;
            stderr.println(String.format(Locale.ROOT, "posmortem: %d input(s): %d triaged, %d invalid, %d failed in %.2f s (%.0f files/s, %d thread(s))",
                    files.size(), counts[0], counts[1], counts[2], seconds, files.size() / Math.max(seconds, 1e-9), threads));
        }
        if (traceFile != null) {
            try {
                writeAtomically(traceFile, traces.toString());
            } catch (IOException e) {
                stderr.println(traceFile + ": cannot write trace: " + e.getMessage());
                return ExitCodes.INTERNAL;
            }
        }
        stderr.flush();
        if (anyInternal) return ExitCodes.INTERNAL;
        if (anyFailed) return ExitCodes.RULES;
        return anyInvalid ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    }

    /** What triaging one input gives: its report, the report rendered, its trace (or null) and its problem lines for stderr. */
    record Result(Report report, String rendered, String trace, List<String> errors) {}

    private Result triageOne(Triage triage, ReportBuilder reports, Path file, int inputs) {
        Report report;
        TriageRun run = null;
        List<String> errors = new ArrayList<>();
        try {
            run = triage.run(file, modelConfig, whatIf);
            report = reports.diagnosed(run);
        } catch (InvalidInputException e) {
            report = reports.invalid(file.toString(), e.problems());
            if (format != Format.text || out != null) e.problems().forEach(p -> errors.add(p.oneLine()));
        } catch (InferenceException e) {
            report = reports.failed(file.toString(), e.problems());
            e.problems().forEach(p -> errors.add(p.oneLine()));
        }
        String trace = null;
        if (run != null && (traceFile != null || withTrace)) {
            TraceDocument doc = TraceDocuments.of(run, triage.rules().fingerprint(), triage.knowledge().fingerprint(), Version.VALUE);
            if (traceFile != null) trace = inputs == 1 ? JsonRenderer.prettyValue(doc) : JsonRenderer.lineValue(doc);
            if (withTrace) report = report.withTrace(doc);
        }
        return new Result(report, render(report, inputs), trace, List.copyOf(errors));
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
        problems.forEach(p -> stderr.println("  " + p.oneLine()));
        stderr.flush();
        return ExitCodes.RULES;
    }

    /** Files as given, directories expanded to their *.yaml, *.yml, *.json files in path order. Missing paths are kept (they report themselves). */
    static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).filter(TriageCommand::isSymptomFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    files.add(input);
                }
            } else {
                files.add(input);
            }
        }
        return files;
    }

    private static boolean isSymptomFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String uniqueName(Path input, String extension, Set<String> taken) {
        String name = input.getFileName() == null ? "input" : input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String candidate = stem + extension;
        for (int i = 2; !taken.add(candidate); i++) candidate = stem + "-" + i + extension;
        return candidate;
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".posmortem-", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
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
}
