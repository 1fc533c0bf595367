package io.posmortem.cli;

import io.posmortem.engine.PackLocation;
import io.posmortem.engine.PackVerification;
import io.posmortem.engine.PackVerification.RuleSite;
import io.posmortem.engine.PackVerification.ScoredIncident;
import io.posmortem.model.Problem;
import io.posmortem.report.IncidentScore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code posmortem verify}: runs {@link PackVerification} and prints each stage (every broken
 * file reported in one pass, with the source line and a caret).
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Checks a rule pack and knowledge base against the fixtures: compile, contract, lint, expectations, coverage.")
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Mixin
    RuleSources sources = new RuleSources();

    @Option(names = "--fixtures", paramLabel = "DIR", defaultValue = "fixtures",
            description = "Fixture directory: every file with an expect block is a scenario (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("posmortem verify: rules " + PackLocation.describe(sources.location().rules()) + ", knowledge base "
                + PackLocation.describe(sources.location().kb()) + ", fixtures " + fixtures);
        out.flush();
        PackVerification.Result r = PackVerification.verify(sources.location().rules(), sources.location().kb(), fixtures, sources.limits());
        if (!r.knowledgeProblems().isEmpty()) {
            section(out, "knowledge base", r.knowledgeProblems());
            return fail(out);
        }
        out.println("knowledge base: ok (" + r.hypotheses() + " hypotheses, " + r.thresholds() + " thresholds)");
        if (!r.ruleProblems().isEmpty()) {
            section(out, "rules", r.ruleProblems());
            return fail(out);
        }
        out.println("rules: ok (" + r.rules() + " rules compile and keep the contract)");
        if (r.lint().isEmpty()) out.println("lint: ok");
        else section(out, "lint", r.lint());
        if (r.failures().isEmpty()) out.println("fixtures: ok (" + r.scenarios() + " scenarios, " + r.builds() + " builds meet their expectations)");
        else {
            out.println("fixtures: " + r.failures().size() + " unmet expectation(s) in " + r.scenarios() + " scenarios");
            r.failures().forEach(f -> out.println("  " + f));
        }
        if (!r.incidents().isEmpty()) printIncidents(out, r.incidents());
        if (r.neverFire().isEmpty() && r.neverSilent().isEmpty()) {
            out.println("coverage: ok (every rule fires in at least one fixture build and stays silent in at least one)");
        } else {
            out.println("coverage: " + r.neverFire().size() + " rule(s) never fire, " + r.neverSilent().size() + " fire in every build");
            for (RuleSite s : r.neverFire()) out.println("  never fires: " + where(s));
            for (RuleSite s : r.neverSilent()) out.println("  never silent: " + where(s));
        }
        if (!r.passed()) return fail(out);
        out.println("VERIFY PASSED");
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Accuracy on the real incidents (fixtures naming a confirmed cause): right, abstained and
     * wrong, then one line per incident build. A measurement, not a check: it does not fail verify.
     */
    private static void printIncidents(PrintWriter out, List<ScoredIncident> incidents) {
        Map<IncidentScore.Result, Long> counts = new EnumMap<>(IncidentScore.Result.class);
        for (IncidentScore.Result r : IncidentScore.Result.values()) counts.put(r, 0L);
        incidents.forEach(i -> counts.merge(i.score().result(), 1L, Long::sum));
        out.println("incidents: " + incidents.size() + " build(s) with a confirmed cause: " + counts.get(IncidentScore.Result.RIGHT)
                + " right, " + counts.get(IncidentScore.Result.ABSTAINED) + " abstained, " + counts.get(IncidentScore.Result.WRONG) + " wrong");
        for (ScoredIncident i : incidents) {
            IncidentScore s = i.score();
            out.println(String.format(Locale.ROOT, "  %-9s %s %s: %s %s (%.2f); confirmed %s", s.result().name().toLowerCase(Locale.ROOT),
                    i.file(), s.build(), s.verdict(), s.leader(), s.confidence(), s.confirmedCause()));
        }
    }

    private static String where(RuleSite s) {
        return s.id() + " (" + s.file() + ":" + s.line() + ")";
    }

    private static int fail(PrintWriter out) {
        out.println("VERIFY FAILED");
        out.flush();
        return ExitCodes.VERIFY;
    }

    /** Problems with the source line and a caret under the column, when the file and line are known. */
    private static void section(PrintWriter out, String what, List<Problem> problems) {
        out.println(what + ": " + problems.size() + " problem(s)");
        for (Problem p : problems) {
            out.println("  " + p.oneLine());
            SourceLines.caret(p).forEach(l -> out.println("    " + l));
        }
    }
}
