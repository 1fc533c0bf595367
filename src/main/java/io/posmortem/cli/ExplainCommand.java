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
import io.posmortem.report.TraceSetDiff;
import io.posmortem.run.TriageRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<TraceSetDiff.Record> a = read(diff.get(0));
        List<TraceSetDiff.Record> b = read(diff.get(1));
        String nameA = diff.get(0).toString();
        String nameB = diff.get(1).toString();
        if (a.size() == 1 && b.size() == 1) {
            // One trace each (one input, or an edited copy of it under another name): compared directly.
            TraceDiff d = TraceDiff.of(nameA, a.get(0).trace(), nameB, b.get(0).trace());
            out.print(format == Format.json ? JsonRenderer.prettyValue(d) : d.render());
        } else {
            TraceSetDiff d = TraceSetDiff.of(nameA, a, nameB, b);
            out.print(format == Format.json ? JsonRenderer.prettyValue(d) : d.render());
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * A trace file: one JSON object, or JSON Lines (one trace per line, as a batch writes them);
     * each record must be a trace. Every broken record is reported with its line, all in one pass.
     * Like every input, only a regular file is opened ({@link SourceText#read}).
     */
    private static List<TraceSetDiff.Record> read(Path path) throws InvalidInputException {
        SourceText text = SourceText.read(path);
        String body = text.text();
        String stripped = body.strip();
        int firstBreak = stripped.indexOf('\n');
        boolean lines = stripped.startsWith("{") && firstBreak > 0 && !stripped.substring(0, firstBreak).strip().equals("{");
        List<TraceSetDiff.Record> records = new ArrayList<>();
        List<io.posmortem.model.Problem> problems = new ArrayList<>();
        if (!lines) {
            JsonNode node = LocatedDocument.parse(text, LocatedDocument.Syntax.JSON).root();
            if (!node.has("trace_version")) problems.add(notATrace(path, 0));
            else records.add(new TraceSetDiff.Record(node.path("input").asString(""), 1, node));
        } else {
            String[] rows = body.split("\n", -1);
            for (int i = 0; i < rows.length; i++) {
                if (rows[i].isBlank()) continue;
                // Earlier lines left empty, so a syntax problem is located at this record's own line.
                String located = "\n".repeat(i) + rows[i];
                try {
                    JsonNode node = LocatedDocument.parse(new SourceText(text.source(), located, text.sha256()), LocatedDocument.Syntax.JSON).root();
                    if (!node.has("trace_version")) problems.add(notATrace(path, i + 1));
                    else records.add(new TraceSetDiff.Record(node.path("input").asString(""), i + 1, node));
                } catch (InvalidInputException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return records;
    }

    private static io.posmortem.model.Problem notATrace(Path path, int line) {
        return new io.posmortem.model.Problem("trace.not-a-trace", path.toString(), "", line, 0,
                "not a posmortem trace (no trace_version)" + (line > 0 ? " in the record on this line" : ""),
                "a file written by 'posmortem triage --trace FILE' (one JSON object, or one per line)", null);
    }

}
