package io.posmortem.cli;

import io.posmortem.engine.Triage;
import io.posmortem.inference.InferenceException;
import io.posmortem.inference.RulePackException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.intake.SourceText;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.report.BuildReport;
import io.posmortem.report.HypothesisView;
import io.posmortem.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code posmortem review}: turns a triaged symptom file and the engineer's verdict into a fixture
 * with expectations, so that every solved incident becomes a regression test. The fixture expects
 * the engineer's diagnosis and keeps every rejection posmortem made of other hypotheses; when
 * posmortem disagrees, {@code verify} fails on it until the rules are taught the case.
 */
@Command(name = "review", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Writes a fixture from a symptom file and the engineer's verdict (the hypothesis that was the real cause).")
final class ReviewCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The symptom file of the incident (YAML).")
    Path input;

    @Option(names = "--verdict", required = true, paramLabel = "HYPOTHESIS", description = "The real cause, a knowledge-base hypothesis id.")
    String verdict;

    @Option(names = "--build", paramLabel = "ID", description = "The build the verdict is about (required when the file has several builds).")
    String build;

    @Option(names = "--out", required = true, paramLabel = "FIXTURE", description = "Where to write the fixture (e.g. reviewed/incident-123.yaml in your fixture directory).")
    Path out;

    @CommandLine.Mixin
    RuleSources sources = new RuleSources();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            Triage triage = sources.load();
            RootCause cause = triage.knowledge().hypotheses().get(verdict);
            if (cause == null) {
                stderr.println("posmortem review: unknown hypothesis '" + verdict + "'"
                        + io.posmortem.model.Spelling.closest(verdict, triage.knowledge().hypotheses().keySet())
                                .map(s -> "; did you mean '" + s + "'?").orElse(""));
                stderr.flush();
                return ExitCodes.USAGE;
            }
            SourceText text = SourceText.read(input);
            LocatedDocument doc = LocatedDocument.parse(text, LocatedDocument.syntaxOf(input.toString(), text.text()));
            if (doc.root().has("expect")) {
                stderr.println("posmortem review: " + input + " already has an expect block; review the original symptom file");
                stderr.flush();
                return ExitCodes.USAGE;
            }
            if (LocatedDocument.syntaxOf(input.toString(), text.text()) != LocatedDocument.Syntax.YAML) {
                stderr.println("posmortem review: fixtures are written as YAML; give the symptom file as YAML");
                stderr.flush();
                return ExitCodes.USAGE;
            }
            Report report = triage.report(triage.run(input));
            if (build == null && report.builds().size() > 1) {
                stderr.println("posmortem review: " + input + " has " + report.builds().size() + " builds ("
                        + String.join(", ", report.builds().stream().map(b -> io.posmortem.report.DisplayText.line(b.id())).toList())
                        + "); the verdict is about one of them: add --build ID");
                stderr.flush();
                return ExitCodes.USAGE;
            }
            List<BuildReport> builds = report.builds().stream().filter(b -> build == null || b.id().equals(build)).toList();
            if (builds.isEmpty()) {
                stderr.println("posmortem review: no build '" + io.posmortem.report.DisplayText.line(build) + "' in " + input + "; builds: "
                        + String.join(", ", report.builds().stream().map(b -> io.posmortem.report.DisplayText.line(b.id())).toList()));
                stderr.flush();
                return ExitCodes.USAGE;
            }
            StringBuilder expect = new StringBuilder(text.text().endsWith("\n") ? "" : "\n");
            expect.append("# Reviewed: the engineer's verdict is ").append(verdict).append(".\n").append("expect:\n  builds:\n");
            for (BuildReport b : builds) {
                String said = b.diagnosis() == null ? "nothing" : b.diagnosis().verdict() + " " + b.diagnosis().hypothesis();
                List<String> rejected = new ArrayList<>();
                for (HypothesisView h : b.hypotheses()) if (h.status().equals("rejected") && !h.id().equals(verdict)) rejected.add(h.id());
                expect.append("    ").append(b.id()).append(":\n");
                expect.append("      verdict: ").append(cause.positional() ? "diagnosed" : "not-positional").append('\n');
                expect.append("      diagnosis: ").append(verdict).append('\n');
                if (!rejected.isEmpty()) expect.append("      rejected: [").append(String.join(", ", rejected)).append("]\n");
                boolean agrees = b.diagnosis() != null && verdict.equals(b.diagnosis().hypothesis())
                        && (b.diagnosis().verdict().equals("diagnosed") || b.diagnosis().verdict().equals("not-positional"));
                stdout.println(b.id() + ": posmortem said " + said + "; the verdict is " + verdict
                        + (agrees ? " (agrees)" : " (disagrees: 'posmortem verify' fails on this fixture until the rules are taught the case)"));
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text.text() + expect, StandardCharsets.UTF_8);
            stdout.println("wrote " + out);
            stdout.flush();
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            return ExitCodes.problems(stderr, e, ExitCodes.INVALID_INPUT);
        } catch (KnowledgeBaseException | RulePackException | InferenceException e) {
            return ExitCodes.problems(stderr, e, ExitCodes.RULES);
        } catch (IOException e) {
            stderr.println("posmortem review: cannot write " + out + ": " + e.getMessage());
            stderr.flush();
            return ExitCodes.INTERNAL;
        }
    }
}
