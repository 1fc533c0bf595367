package io.posmortem.cli;

import io.posmortem.engine.PackLocation;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.ModelConfigReader;
import io.posmortem.intake.results.BandImport;
import io.posmortem.intake.results.EvalImport;
import io.posmortem.intake.results.ResultsFormat;
import io.posmortem.intake.results.ResultsLimits;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.input.ModelConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code import} and {@code init} share: the baseline, the format, the model config, the task map's knowledge base. */
final class ResultsOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--build", paramLabel = "ID", defaultValue = "build-1",
            description = "The build the results are for (default: ${DEFAULT-VALUE}).")
    String build;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Results of the original model or previous build, matched by task and length (repeatable; default: each task's shortest length of the run).")
    List<Path> baseline = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, lm-eval, lm-eval-samples, ruler, needle, csv or jsonl (default: ${DEFAULT-VALUE}: detected by content).")
    String format;

    @Option(names = "--config", paramLabel = "config.json", description = "The model's Hugging Face config.json: model numbers prefilled.")
    Path config;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "500",
            description = "Samples per task and length when a results file does not say (default: ${DEFAULT-VALUE}, RULER's own).")
    int samples;

    @Option(names = "--kb", paramLabel = "DIR",
            description = "Knowledge-base directory, for the task map eval-tasks.yaml (default: $POSMORTEM_KB, else ./knowledge-base when ./rules and ./knowledge-base exist, else the bundled one).")
    Path kb;

    /** The --format value, or null for auto; a usage error for an unknown name. */
    ResultsFormat format() {
        if (format.equalsIgnoreCase("auto")) return null;
        ResultsFormat f = ResultsFormat.of(format);
        if (f == null) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--format must be auto or one of "
                    + String.join(", ", ResultsFormat.wireNames()) + ", got '" + format + "'"
                    + io.posmortem.model.Spelling.closest(format, ResultsFormat.wireNames()).map(s -> "; did you mean '" + s + "'?").orElse(""));
        }
        return f;
    }

    void check() {
        format();
        if (samples < 1 || samples > 1_000_000_000) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--samples must be 1 to 1,000,000,000, got " + samples);
        }
        if (!build.matches("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--build must be a build id (letters, digits, '.', '_', '-'; at most 64), got '" + build + "'");
        }
    }

    KnowledgeBase knowledge() throws KnowledgeBaseException {
        return KnowledgeBaseLoader.load(PackLocation.knowledgeBase(kb));
    }

    /** The results imported against the baseline, with the task map of {@code kb}. */
    BandImport.Result importResults(KnowledgeBase kb, List<Path> results) throws InvalidInputException {
        return new EvalImport(kb.evalTasks(), kb.needleEarlyDepth(), samples, ResultsLimits.DEFAULT).of(results, baseline, format());
    }

    ModelConfig modelConfig() throws InvalidInputException {
        return config == null ? null : ModelConfigReader.read(config);
    }

    /** Prints the import's notes to standard error. */
    static void notes(PrintWriter err, String command, BandImport.Result result) {
        for (String note : result.notes()) err.println("posmortem " + command + ": note: " + io.posmortem.report.DisplayText.line(note));
        err.flush();
    }

    static int knowledgeBroken(PrintWriter err, Path kb, KnowledgeBaseException e) {
        err.println("posmortem: knowledge base " + PackLocation.describe(PackLocation.knowledgeBase(kb)) + ": " + e.problems().size() + " problem(s)");
        e.problems().forEach(p -> err.println("  " + p.oneLine()));
        err.flush();
        return ExitCodes.RULES;
    }
}
