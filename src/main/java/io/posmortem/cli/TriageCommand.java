package io.posmortem.cli;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.ArchiveLocation;
import io.posmortem.archive.ArchiveSink;
import io.posmortem.archive.IncidentArchive;
import io.posmortem.engine.BatchInput;
import io.posmortem.engine.BatchInputs;
import io.posmortem.engine.BatchOptions;
import io.posmortem.engine.BatchSummary;
import io.posmortem.engine.BatchTriage;
import io.posmortem.engine.ReportFormat;
import io.posmortem.engine.PackLocation;
import io.posmortem.engine.Triage;
import io.posmortem.inference.RulePackException;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.model.Problem;
import io.posmortem.report.DisplayText;
import io.posmortem.report.ReportDetail;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code posmortem triage FILE|DIR...}: diagnose symptom files. */
@Command(name = "triage", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Diagnose one or more symptom files (YAML or JSON); directories are searched for *.yaml, *.yml, *.json.")
public final class TriageCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR|-", description = "Symptom files, directories of them, or - to read a list of paths from standard input.")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = "--out", paramLabel = "DIR", description = "Write one report file per input into DIR instead of printing reports.")
    Path out;

    @CommandLine.Mixin
    RuleSources sources = new RuleSources();

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Also write the full trace (every firing, fact and binding) as JSON to FILE; JSON Lines for several inputs, written as each input completes.")
    Path traceFile;

    @Option(names = "--with-trace", description = "Embed the full trace in the JSON report (field 'trace'); needs --format json.")
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
    OutcomePrinter.StatusFormat statusFormat;

    @Option(names = "--what-if", paramLabel = "JSON",
            description = "A rope_scaling block to evaluate beside the current configuration of every RoPE build, e.g. '{\"rope_type\":\"yarn\",\"factor\":8}'.")
    String whatIf;

    @Option(names = "--detail", paramLabel = "LEVEL",
            description = "How much of each build a JSON report carries: summary (verdict, diagnosis and its evidence lines, scores, fixes, fingerprints) "
                    + "or full (also per-pair evidence arrays, findings, chart data, every firing and every hypothesis's reasons). "
                    + "Default: summary for a batch (several inputs, a directory or -), full for one file.")
    ReportDetail detail;

    @Option(names = "--archive", arity = "0..1", fallbackValue = "", paramLabel = "PATH|URL",
            description = "Keep every triaged input in the incident archive: a SQLite file, or jdbc:postgresql://HOST/DB with the password in "
                    + "POSMORTEM_ARCHIVE_PASSWORD or PGPASSWORD (alone: $XDG_DATA_HOME/posmortem/incidents.db, else ~/.local/share/posmortem/incidents.db).")
    String archive;

    @Option(names = "--source", paramLabel = "LABEL", description = "With --archive: who or what submitted the inputs (kept with each incident).")
    String source;

    @Option(names = "--again", description = "With --archive: keep an incident again even when the same input was archived with the same rules and knowledge base.")
    boolean again;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (skipExisting && out == null) return usage(stderr, "--skip-existing needs --out DIR (it skips reports already written there)");
        if (statusFormat == OutcomePrinter.StatusFormat.json && out == null) return usage(stderr, "--status-format needs --out DIR (status lines replace the reports)");
        if (traceFile != null && Files.exists(traceFile) && !Files.isRegularFile(traceFile)) {
            return usage(stderr, "--trace " + DisplayText.line(traceFile.toString()) + ": not a regular file");
        }
        if ((source != null || again) && archive == null) return usage(stderr, "--source and --again need --archive");
        Triage triage;
        try {
            triage = sources.load();
        } catch (KnowledgeBaseException e) {
            return broken(stderr, "knowledge base " + PackLocation.describe(sources.location().kb()), e.problems());
        } catch (RulePackException e) {
            return broken(stderr, "rules " + PackLocation.describe(sources.location().rules()), e.problems());
        }
        List<BatchInput> given = new ArrayList<>();
        for (Path input : inputs) {
            if (!input.toString().equals("-")) {
                given.add(BatchInput.of(input));
                continue;
            }
            try {
                given.addAll(BatchInputs.listed(System.in.readAllBytes()));
            } catch (IOException e) {
                return usage(stderr, "cannot read the list of inputs on standard input: " + e.getMessage());
            }
        }
        List<BatchInput> files = BatchInputs.expand(given);
        if (files.isEmpty()) return usage(stderr, "no inputs");
        if (format == ReportFormat.html && files.size() > 1 && out == null) {
            return usage(stderr, "several HTML reports need --out DIR (one page per input)");
        }
        if (detail != null && format != ReportFormat.json) return usage(stderr, "--detail shapes JSON reports; it needs --format json");
        if (withTrace && format != ReportFormat.json) {
            return usage(stderr, "--with-trace embeds the trace in a JSON report; it needs --format json (or write the trace on its own with --trace FILE)");
        }
        boolean batch = files.size() > 1 || inputs.stream().anyMatch(p -> p.toString().equals("-") || Files.isDirectory(p));
        ReportDetail shown = detail != null ? detail : batch ? ReportDetail.summary : ReportDetail.full;
        BatchOptions options = new BatchOptions(format, out, traceFile, withTrace, jobs, modelConfig, configAnywhere, skipExisting, whatIf, shown);
        boolean progress = System.console() != null && files.size() > 20;
        BatchSummary summary;
        IncidentArchive incidents = null;
        try {
            BatchTriage runner = new BatchTriage(triage, options);
            if (archive != null) {
                incidents = IncidentArchive.open(ArchiveLocation.of(archive, System.getenv()));
                runner = runner.withSink(new ArchiveSink(incidents, source, again, Clock.systemUTC()));
            }
            summary = runner.run(files, new OutcomePrinter(stdout, stderr, progress, format, out != null, statusFormat));
        } catch (ArchiveException e) {
            return ExitCodes.problems(stderr, e, ExitCodes.ARCHIVE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        } finally {
            if (incidents != null) incidents.close();
        }
        if (progress) stderr.println();
        if (files.size() > 1) {
            stderr.println(String.format(Locale.ROOT, "posmortem: %d input(s): %d triaged, %d invalid, %d failed%s in %.2f s (%.0f files/s, %d thread(s))",
                    summary.inputs(), summary.triaged(), summary.invalid(), summary.failed(),
                    summary.skipped() > 0 ? ", " + summary.skipped() + " skipped" : "", summary.seconds(),
                    summary.inputs() / Math.max(summary.seconds(), 1e-9), summary.threads()));
        }
        stderr.flush();
        if (summary.anyInternal()) return ExitCodes.INTERNAL;
        if (summary.anyFailed()) return ExitCodes.RULES;
        return summary.anyInvalid() ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    }

    private static int usage(PrintWriter stderr, String message) {
        stderr.println("posmortem triage: " + message);
        stderr.flush();
        return ExitCodes.USAGE;
    }

    static int broken(PrintWriter stderr, String what, List<Problem> problems) {
        stderr.println("posmortem: " + what + ": " + problems.size() + " problem(s); nothing was triaged");
        problems.forEach(p -> stderr.println("  " + DisplayText.line(p.oneLine())));
        stderr.flush();
        return ExitCodes.RULES;
    }
}
