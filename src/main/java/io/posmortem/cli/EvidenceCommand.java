package io.posmortem.cli;

import io.posmortem.engine.PackLocation;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.report.JsonRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * The shared shape of the evidence commands ({@code rope}, {@code alibi}, {@code t5-buckets}):
 * compute a table, print it as JSON; parameters outside the domain are usage errors naming the
 * parameter, unreadable inputs are invalid-input errors with their location.
 */
abstract class EvidenceCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--kb", paramLabel = "DIR",
            description = "Knowledge-base directory, for the thresholds that place pairs in bands (default: $POSMORTEM_KB, else "
                    + "./knowledge-base when ./rules and ./knowledge-base exist, else the bundled knowledge base).")
    Path kbOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The table to print; may throw {@link IllegalArgumentException} for a parameter outside its domain. */
    abstract Object table() throws InvalidInputException, KnowledgeBaseException;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            out.print(JsonRenderer.prettyValue(table()));
            out.flush();
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            err.println("posmortem " + spec.name() + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        } catch (InvalidInputException e) {
            return ExitCodes.problems(err, e, ExitCodes.INVALID_INPUT);
        } catch (KnowledgeBaseException e) {
            err.println("posmortem: knowledge base " + PackLocation.describe(PackLocation.knowledgeBase(kbOption)) + ": " + e.problems().size() + " problem(s)");
            e.problems().forEach(p -> err.println("  " + p.oneLine()));
            err.flush();
            return ExitCodes.RULES;
        }
    }

    KnowledgeBase knowledge() throws KnowledgeBaseException {
        return KnowledgeBaseLoader.load(PackLocation.knowledgeBase(kbOption));
    }
}
