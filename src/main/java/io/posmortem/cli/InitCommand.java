package io.posmortem.cli;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.results.BandImport;
import io.posmortem.intake.results.EvalImport;
import io.posmortem.intake.results.SymptomWriter;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.model.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code posmortem init}: writes a commented symptom file to fill in. The model numbers come from
 * {@code --config}, the observations from {@code --results} (imported as {@code import} does); what
 * only the engineer knows is left as FILL-IN with the schema's question above it, and
 * {@code triage} refuses the file until every blank is filled.
 */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Writes a commented symptom file to fill in, prefilled from a config.json and eval results.")
final class InitCommand implements Callable<Integer> {

    @Option(names = "--results", paramLabel = "FILE", arity = "1..*", description = "Eval-results files of the build, imported as observations.")
    List<Path> results = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the file (default: standard output); an existing file is not overwritten.")
    Path out;

    @CommandLine.Mixin
    ResultsOptions options = new ResultsOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        options.check();
        if (out != null && Files.exists(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " exists; init does not overwrite a file (give another --out)");
        }
        try {
            BandImport.Result imported = null;
            if (!results.isEmpty()) {
                KnowledgeBase kb = options.knowledge();
                imported = options.importResults(kb, results);
                ResultsOptions.notes(err, "init", imported);
            }
            String text = SymptomWriter.template(new SymptomWriter.Prefill(options.modelConfig(),
                    options.config == null ? null : EvalImport.displayName(options.config), options.build,
                    imported == null ? List.of() : imported.observations(), imported == null ? 0 : imported.longest()));
            if (out == null) {
                stdout.print(text);
                stdout.flush();
            } else {
                AtomicFiles.write(out, text);
                err.println("posmortem init: wrote " + out + "; fill in every FILL-IN, then run posmortem triage " + out);
                err.flush();
            }
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            return ExitCodes.problems(err, e, ExitCodes.INVALID_INPUT);
        } catch (KnowledgeBaseException e) {
            return ResultsOptions.knowledgeBroken(err, options.kb, e);
        } catch (IOException e) {
            err.println("posmortem init: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return ExitCodes.RULES;
        }
    }
}
