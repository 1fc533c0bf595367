package io.posmortem.cli;

import io.posmortem.engine.Triage;
import io.posmortem.inference.InferenceException;
import io.posmortem.inference.RulePackException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.intake.SourceText;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.report.Explanation;
import io.posmortem.report.ExplanationRenderer;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.TraceDiff;
import io.posmortem.run.TriageRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code posmortem explain}: HOW each conclusion was derived and WHY-NOT the others; or the diff of two traces. */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Explains a triage: HOW each build's conclusion was derived (rule by rule, with the numbers) and WHY-NOT every other hypothesis.",
                "With --diff A.json B.json: what changed between two traces written by 'triage --trace'."})
final class ExplainCommand implements Callable<Integer> {

    enum Format { text, json }

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A symptom file.")
    Path input;

    @Option(names = "--diff", arity = "2", paramLabel = "TRACE", description = "Two trace files to compare.")
    List<Path> diff;

    @Option(names = "--build", paramLabel = "ID", description = "Only this build.")
    String build;

    @Option(names = "--allow-config-anywhere",
            description = "Read a model.config even when it lies outside the symptom file's directory tree (only for files you trust).")
    boolean configAnywhere;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Mixin
    RuleSources sources = new RuleSources();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (diff != null) return diff(out, err);
            if (input == null) throw new CommandLine.ParameterException(spec.commandLine(), "give a symptom FILE, or --diff A.json B.json");
            Triage triage = sources.load();
            TriageRun run = triage.run(input, null, null, configAnywhere);
            Explanation explanation = triage.explain(run, triage.report(run));
            if (build != null) {
                List<Explanation.BuildExplanation> only = explanation.builds().stream().filter(b -> b.build().equals(build)).toList();
                if (only.isEmpty()) {
                    err.println("posmortem explain: no build '" + build + "' in " + input + "; builds: "
                            + explanation.builds().stream().map(Explanation.BuildExplanation::build).toList());
                    err.flush();
                    return ExitCodes.USAGE;
                }
                explanation = new Explanation(explanation.input(), explanation.version(), only);
            }
            out.print(format == Format.json ? JsonRenderer.prettyValue(explanation) : ExplanationRenderer.render(explanation));
            out.flush();
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            return ExitCodes.problems(err, e, ExitCodes.INVALID_INPUT);
        } catch (KnowledgeBaseException | RulePackException | InferenceException e) {
            return ExitCodes.problems(err, e, ExitCodes.RULES);
        }
    }

    private int diff(PrintWriter out, PrintWriter err) throws InvalidInputException {
        JsonNode a = read(diff.get(0));
        JsonNode b = read(diff.get(1));
        TraceDiff d = TraceDiff.of(diff.get(0).toString(), a, diff.get(1).toString(), b);
        out.print(format == Format.json ? JsonRenderer.prettyValue(d) : d.render());
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * A trace file: one JSON object (traces of several inputs, JSON Lines, are compared by their
     * first). Like every input, only a regular file is opened ({@link SourceText#read}).
     */
    private static JsonNode read(Path path) throws InvalidInputException {
        SourceText text = SourceText.read(path);
        String first = text.text().strip();
        int newline = first.indexOf("\n{");
        if (first.startsWith("{") && newline > 0 && !first.startsWith("{\n")) first = first.substring(0, newline);
        JsonNode node = LocatedDocument.parse(new SourceText(text.source(), first, text.sha256()), LocatedDocument.Syntax.JSON).root();
        if (!node.has("trace_version")) {
            throw new InvalidInputException(List.of(new io.posmortem.model.Problem("trace.not-a-trace", path.toString(), "", 0, 0,
                    "not a posmortem trace (no trace_version)", "a file written by 'posmortem triage --trace FILE'", null)));
        }
        return node;
    }

}
