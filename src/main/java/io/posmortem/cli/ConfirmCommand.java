package io.posmortem.cli;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.Confirmation;
import io.posmortem.archive.IncidentArchive;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.Spelling;
import io.posmortem.report.DisplayText;
import io.posmortem.report.IncidentScore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code posmortem confirm ID --cause H}: the root cause an engineer confirmed, kept beside the verdict. */
@Command(name = "confirm", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Record the root cause confirmed for an archived incident's build (replaces an earlier confirmation of that build).",
                "Confirmed incidents are what 'replay' scores right/abstained/wrong and what 'calibration' measures."})
final class ConfirmCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The incident's id (see 'posmortem history').")
    long id;

    @Option(names = "--cause", required = true, paramLabel = "HYPOTHESIS",
            description = "The confirmed cause: a hypothesis of the knowledge base, or none-of-these when it is none of them.")
    String cause;

    @Option(names = "--build", paramLabel = "ID", description = "The build (needed when the incident has several).")
    String build;

    @Option(names = "--also-right", paramLabel = "HYPOTHESIS", description = "A hypothesis that names the same cause (repeatable).")
    List<String> alsoRight = new ArrayList<>();

    @Option(names = "--note", paramLabel = "TEXT", description = "How the cause was confirmed (a link, a commit).")
    String note;

    @Option(names = "--kb", paramLabel = "DIR", defaultValue = "knowledge-base", description = "Knowledge base the hypotheses are checked against (default: ${DEFAULT-VALUE}).")
    Path kb;

    @CommandLine.Mixin
    ArchiveOption archive = new ArchiveOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KnowledgeBase knowledge;
        try {
            knowledge = KnowledgeBaseLoader.load(kb);
        } catch (KnowledgeBaseException e) {
            return TriageCommand.broken(err, "knowledge base " + kb, e.problems());
        }
        List<String> known = new ArrayList<>(knowledge.hypotheses().keySet());
        known.add(IncidentScore.NONE_OF_THESE);
        List<String> named = new ArrayList<>(alsoRight);
        named.add(0, cause);
        for (String h : named) {
            if (!known.contains(h)) {
                err.println("posmortem confirm: '" + DisplayText.line(h) + "' is not a hypothesis of " + DisplayText.line(kb.toString())
                        + Spelling.closest(h, known).map(s -> " (did you mean '" + s + "'?)").orElse(""));
                err.flush();
                return ExitCodes.USAGE;
            }
        }
        try (IncidentArchive a = archive.open()) {
            Confirmation c = a.confirm(id, build, cause, alsoRight, note, Clock.systemUTC().instant());
            out.println("incident " + id + ", build " + DisplayText.line(c.build()) + ": confirmed cause " + c.cause());
            out.flush();
            return ExitCodes.OK;
        } catch (ArchiveException e) {
            return ExitCodes.problems(err, e, ExitCodes.ARCHIVE);
        }
    }
}
