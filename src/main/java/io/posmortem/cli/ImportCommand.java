package io.posmortem.cli;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.SourceText;
import io.posmortem.intake.results.BandImport;
import io.posmortem.intake.results.EvalImport;
import io.posmortem.intake.results.SymptomMerge;
import io.posmortem.intake.results.SymptomWriter;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.model.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code posmortem import}: eval results -> a symptom file's observations, with counts per context
 * band (or a metric) against a baseline. Without {@code --into} it prints a symptom file to fill in
 * (as {@code init --results} does); with it, it adds the observations to a build of that file.
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Turns eval results (lm-eval, RULER, needle grids, CSV / JSON Lines) into symptom-file observations with counts per context band.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULTS", arity = "1..*", description = "The eval-results files of the build.")
    List<Path> results;

    @Option(names = "--into", paramLabel = "FILE",
            description = "An existing symptom file: add the observations to the build --build (replacing those imported earlier from the same files).")
    Path into;

    @CommandLine.Mixin
    ResultsOptions options = new ResultsOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        options.check();
        try {
            KnowledgeBase kb = options.knowledge();
            SourceText existing = into == null ? null : SourceText.read(into);
            BandImport.Result result = options.importResults(kb, results);
            ResultsOptions.notes(err, "import", result);
            if (existing == null) {
                out.print(SymptomWriter.template(new SymptomWriter.Prefill(options.modelConfig(),
                        options.config == null ? null : EvalImport.displayName(options.config), options.build, result.observations(), result.longest())));
                out.flush();
                return ExitCodes.OK;
            }
            Set<String> files = results.stream().map(EvalImport::displayName).collect(Collectors.toSet());
            String merged = SymptomMerge.into(existing, options.build, result.observations(), files);
            AtomicFiles.write(into, merged);
            err.println("posmortem import: " + result.observations().size() + " observation(s) of build " + options.build + " written into " + into);
            err.flush();
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            return ExitCodes.problems(err, e, ExitCodes.INVALID_INPUT);
        } catch (KnowledgeBaseException e) {
            return ResultsOptions.knowledgeBroken(err, options.kb, e);
        } catch (IOException e) {
            err.println("posmortem import: cannot write " + into + ": " + e.getMessage());
            err.flush();
            return ExitCodes.RULES;
        }
    }
}
