package io.posmortem.cli;

import io.posmortem.inference.InferenceException;
import io.posmortem.inference.RuleLint;
import io.posmortem.inference.RulePack;
import io.posmortem.inference.RulePackException;
import io.posmortem.intake.ExpectationReader;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.BuildExpectation;
import io.posmortem.model.Problem;
import io.posmortem.report.BuildReport;
import io.posmortem.report.ExpectationCheck;
import io.posmortem.report.IncidentScore;
import io.posmortem.report.ReasoningView;
import io.posmortem.report.Report;
import io.posmortem.report.ReportBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code posmortem verify}: the knowledge base loads, every rule file compiles and keeps the rule
 * contract (every broken file reported in one pass, with the source line and a caret), the pack
 * passes lint, every fixture meets its expectations, and every rule fires in at least one fixture
 * build and stays silent in at least one.
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
        out.println("posmortem verify: rules " + sources.rules + ", knowledge base " + sources.kb + ", fixtures " + fixtures);
        KnowledgeBase knowledge;
        try {
            knowledge = KnowledgeBaseLoader.load(sources.kb);
        } catch (KnowledgeBaseException e) {
            section(out, "knowledge base", e.problems());
            return fail(out);
        }
        out.println("knowledge base: ok (" + knowledge.hypotheses().size() + " hypotheses, " + knowledge.thresholds().size() + " thresholds)");
        RulePack pack;
        try {
            pack = RulePack.load(sources.rules, knowledge);
        } catch (RulePackException e) {
            section(out, "rules", e.problems());
            return fail(out);
        }
        out.println("rules: ok (" + pack.rules().size() + " rules compile and keep the contract)");

        List<Problem> lint = new ArrayList<>();
        for (Path file : ruleFiles()) {
            try {
                lint.addAll(RuleLint.lint(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                lint.add(new Problem("rules.unreadable", file.toString(), "", 0, 0, "cannot read: " + e.getMessage(), null, null));
            }
        }
        boolean failed = false;
        if (lint.isEmpty()) out.println("lint: ok");
        else {
            section(out, "lint", lint);
            failed = true;
        }

        Triage triage = new Triage(knowledge, pack).withSessionLimits(sources.limits());
        ReportBuilder reports = new ReportBuilder(knowledge, pack.fingerprint(), Version.VALUE);
        Map<String, Integer> firedIn = new LinkedHashMap<>();
        Map<String, Integer> silentIn = new LinkedHashMap<>();
        pack.rules().keySet().forEach(id -> {
            firedIn.put(id, 0);
            silentIn.put(id, 0);
        });
        int scenarios = 0;
        int builds = 0;
        List<String> failures = new ArrayList<>();
        List<Scored> incidents = new ArrayList<>();
        for (Path file : fixtureFiles()) {
            List<BuildExpectation> expectations;
            try {
                expectations = ExpectationReader.read(file);
            } catch (InvalidInputException e) {
                // A malformed input listed in its directory's expected-errors.tsv is a fixture of an
                // intake error, not a scenario; any other fixture that cannot be read fails the pack.
                if (!listedAsMalformed(file)) failures.add(file + ": cannot be read: " + e.problems().get(0).oneLine());
                continue;
            }
            if (expectations.isEmpty()) continue;
            scenarios++;
            Report report;
            try {
                report = reports.diagnosed(triage.run(file));
            } catch (InvalidInputException e) {
                failures.add(file + ": invalid: " + e.problems().get(0).oneLine());
                continue;
            } catch (InferenceException e) {
                failures.add(file + ": the rules could not finish: " + e.problems().get(0).oneLine());
                if (UNCONTAINED.contains(e.problem().code())) {
                    // Every later scenario would wait out the same budget: the pack has failed.
                    failures.add("stopped after " + scenarios + " scenario(s): a rule that had to be stopped fails the pack");
                    break;
                }
                continue;
            }
            for (String f : ExpectationCheck.failures(report, expectations)) failures.add(file + " " + f);
            for (IncidentScore s : IncidentScore.of(report, expectations)) incidents.add(new Scored(file, s));
            for (BuildReport b : report.builds()) {
                builds++;
                Set<String> fired = new LinkedHashSet<>();
                for (ReasoningView.FiringView f : b.reasoning().firings()) fired.add(f.rule());
                for (String id : pack.rules().keySet()) {
                    if (fired.contains(id)) firedIn.merge(id, 1, Integer::sum);
                    else silentIn.merge(id, 1, Integer::sum);
                }
            }
        }
        if (failures.isEmpty()) out.println("fixtures: ok (" + scenarios + " scenarios, " + builds + " builds meet their expectations)");
        else {
            out.println("fixtures: " + failures.size() + " unmet expectation(s) in " + scenarios + " scenarios");
            failures.forEach(f -> out.println("  " + f));
            failed = true;
        }
        if (!incidents.isEmpty()) printIncidents(out, incidents);
        List<String> neverFire = firedIn.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        List<String> alwaysFire = silentIn.entrySet().stream().filter(e -> e.getValue() == 0)
                .filter(e -> !pack.rules().get(e.getKey()).firesInEveryBuild()).map(Map.Entry::getKey).toList();
        if (neverFire.isEmpty() && alwaysFire.isEmpty()) {
            out.println("coverage: ok (every rule fires in at least one fixture build and stays silent in at least one)");
        } else {
            out.println("coverage: " + neverFire.size() + " rule(s) never fire, " + alwaysFire.size() + " fire in every build");
            for (String id : neverFire) out.println("  never fires: " + where(pack, id));
            for (String id : alwaysFire) out.println("  never silent: " + where(pack, id));
            failed = true;
        }
        if (failed) return fail(out);
        out.println("VERIFY PASSED");
        out.flush();
        return ExitCodes.OK;
    }

    /** Problems after which verify stops running scenarios: the rule had to be stopped, or it tried to end the process. */
    static final Set<String> UNCONTAINED = Set.of("inference.timeout", "inference.memory", "inference.stack-overflow", "inference.exit");

    private record Scored(Path file, IncidentScore score) {}

    /**
     * Accuracy on the real incidents (fixtures naming a confirmed cause): right, abstained and
     * wrong, then one line per incident build. A measurement, not a check: it does not fail verify.
     */
    private static void printIncidents(PrintWriter out, List<Scored> incidents) {
        Map<IncidentScore.Result, Long> counts = new java.util.EnumMap<>(IncidentScore.Result.class);
        for (IncidentScore.Result r : IncidentScore.Result.values()) counts.put(r, 0L);
        incidents.forEach(i -> counts.merge(i.score().result(), 1L, Long::sum));
        out.println("incidents: " + incidents.size() + " build(s) with a confirmed cause: " + counts.get(IncidentScore.Result.RIGHT)
                + " right, " + counts.get(IncidentScore.Result.ABSTAINED) + " abstained, " + counts.get(IncidentScore.Result.WRONG) + " wrong");
        for (Scored i : incidents) {
            IncidentScore s = i.score();
            out.println(String.format(java.util.Locale.ROOT, "  %-9s %s %s: %s %s (%.2f); confirmed %s", s.result().name().toLowerCase(java.util.Locale.ROOT),
                    i.file(), s.build(), s.verdict(), s.leader(), s.confidence(), s.confirmedCause()));
        }
    }

    private static String where(RulePack pack, String id) {
        var info = pack.rules().get(id);
        return id + " (" + info.file() + ":" + info.line() + ")";
    }

    private int fail(PrintWriter out) {
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

    private List<Path> ruleFiles() {
        try (Stream<Path> walk = Files.walk(sources.rules)) {
            return walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether the first column of an {@code expected-errors.tsv} beside the file names it. */
    static boolean listedAsMalformed(Path file) {
        Path list = file.resolveSibling("expected-errors.tsv");
        if (!Files.isRegularFile(list)) return false;
        String name = file.getFileName().toString();
        try (Stream<String> lines = Files.lines(list, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.startsWith("#")).anyMatch(l -> l.split("\t", 2)[0].equals(name));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private List<Path> fixtureFiles() {
        try (Stream<Path> walk = Files.walk(fixtures)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") || p.toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
