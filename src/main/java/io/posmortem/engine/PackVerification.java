package io.posmortem.engine;

import io.posmortem.inference.InferenceException;
import io.posmortem.inference.RuleLint;
import io.posmortem.inference.RulePack;
import io.posmortem.inference.RulePackException;
import io.posmortem.inference.SessionLimits;
import io.posmortem.intake.ExpectationReader;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.Problem;
import io.posmortem.model.input.BuildExpectation;
import io.posmortem.report.BuildReport;
import io.posmortem.report.ExpectationCheck;
import io.posmortem.report.IncidentScore;
import io.posmortem.report.ReasoningView;
import io.posmortem.report.Report;
import io.posmortem.report.ReportBuilder;
import io.posmortem.trace.RuleInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a rule pack and knowledge base against a fixture tree, in this order, stopping after the
 * first two if they fail: the knowledge base loads; every rule file compiles and keeps the rule
 * contract; the pack passes lint; every fixture with an {@code expect} block meets its
 * expectations; every rule fires in at least one fixture build and stays silent in at least one
 * (unless it declares that it fires in every build). Real incidents (fixtures naming a confirmed
 * cause) are scored, which is a measurement and never fails the pack.
 *
 * <p>No fixture drops out silently: a fixture file that cannot be read or parsed is a failure
 * naming it, unless an {@code expected-errors.tsv} in its directory lists it (it is then a
 * fixture of an intake error, checked by the test suite). A fixture tree that cannot be walked is a
 * failure too.
 */
public final class PackVerification {
    private PackVerification() {}

    /** Problems after which no further scenario runs: the rule had to be stopped, or it tried to end the process. */
    public static final Set<String> UNCONTAINED = Set.of("inference.timeout", "inference.memory", "inference.stack-overflow", "inference.exit");

    /** The file, beside malformed fixtures, that lists them (first column: the file name relative to it). */
    public static final String EXPECTED_ERRORS = "expected-errors.tsv";

    /** A rule and where it is defined. */
    public record RuleSite(String id, String file, int line) {}

    /** A real incident's build and how the pack did on it. */
    public record ScoredIncident(Path file, IncidentScore score) {}

    /**
     * What verification found. When the knowledge base or the rules do not load, their problems
     * are set and every later field is empty.
     *
     * @param knowledgeProblems why the knowledge base does not load; empty when it does
     * @param hypotheses        hypotheses in the knowledge base
     * @param thresholds        thresholds in the knowledge base
     * @param ruleProblems      why the rules do not load (compile or contract); empty when they do
     * @param rules             rules in the pack
     * @param lint              lint findings over every {@code .drl} file, in path order
     * @param scenarios         fixtures with an {@code expect} block that were run
     * @param builds            builds of those fixtures that were triaged
     * @param failures          unmet expectations and unreadable fixtures, one line each, in path order
     * @param incidents         scored real incidents, in path order
     * @param neverFire         rules that fired in no fixture build
     * @param neverSilent       rules that fired in every fixture build without declaring it
     */
    public record Result(List<Problem> knowledgeProblems, int hypotheses, int thresholds, List<Problem> ruleProblems, int rules,
            List<Problem> lint, int scenarios, int builds, List<String> failures, List<ScoredIncident> incidents,
            List<RuleSite> neverFire, List<RuleSite> neverSilent) {

        /** Whether the pack passes: everything loads, no lint finding, no failure, full coverage. */
        public boolean passed() {
            return knowledgeProblems.isEmpty() && ruleProblems.isEmpty() && lint.isEmpty() && failures.isEmpty()
                    && neverFire.isEmpty() && neverSilent.isEmpty();
        }

        static Result knowledgeBroken(List<Problem> problems) {
            return new Result(problems, 0, 0, List.of(), 0, List.of(), 0, 0, List.of(), List.of(), List.of(), List.of());
        }

        static Result rulesBroken(KnowledgeBase kb, List<Problem> problems) {
            return new Result(List.of(), kb.hypotheses().size(), kb.thresholds().size(), problems, 0, List.of(), 0, 0, List.of(),
                    List.of(), List.of(), List.of());
        }
    }

    /** Verifies the pack in {@code rulesDir} with the knowledge base in {@code kbDir} against {@code fixtures}, each rule session held to {@code limits}. */
    public static Result verify(Path rulesDir, Path kbDir, Path fixtures, SessionLimits limits) {
        KnowledgeBase knowledge;
        try {
            knowledge = KnowledgeBaseLoader.load(kbDir);
        } catch (KnowledgeBaseException e) {
            return Result.knowledgeBroken(e.problems());
        }
        RulePack pack;
        try {
            pack = RulePack.load(rulesDir, knowledge);
        } catch (RulePackException e) {
            return Result.rulesBroken(knowledge, e.problems());
        }
        List<Problem> lint = lint(rulesDir);
        Triage triage = new Triage(knowledge, pack).withSessionLimits(limits);
        ReportBuilder reports = new ReportBuilder(knowledge, pack.fingerprint(), ProductVersion.VALUE);
        Map<String, Integer> firedIn = new LinkedHashMap<>();
        Map<String, Integer> silentIn = new LinkedHashMap<>();
        pack.rules().keySet().forEach(id -> {
            firedIn.put(id, 0);
            silentIn.put(id, 0);
        });
        int scenarios = 0;
        int builds = 0;
        List<String> failures = new ArrayList<>();
        List<ScoredIncident> incidents = new ArrayList<>();
        List<Path> files;
        try {
            files = fixtureFiles(fixtures);
        } catch (IOException | RuntimeException e) {
            failures.add(fixtures + ": cannot read the fixtures: " + e.getMessage());
            files = List.of();
        }
        Set<Path> malformed = declaredMalformed(files, failures);
        for (Path file : files) {
            if (file.getFileName().toString().equals(EXPECTED_ERRORS)) continue;
            List<BuildExpectation> expectations;
            try {
                expectations = ExpectationReader.read(file);
            } catch (InvalidInputException e) {
                if (!malformed.contains(file.toAbsolutePath().normalize())) {
                    failures.add(file + ": cannot be read as a fixture: " + e.problems().get(0).oneLine()
                            + " (a malformed input on purpose is listed in " + EXPECTED_ERRORS + " beside it)");
                }
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
            for (IncidentScore s : IncidentScore.of(report, expectations)) incidents.add(new ScoredIncident(file, s));
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
        List<RuleSite> neverFire = firedIn.entrySet().stream().filter(e -> e.getValue() == 0).map(e -> site(pack, e.getKey())).toList();
        List<RuleSite> neverSilent = silentIn.entrySet().stream().filter(e -> e.getValue() == 0)
                .filter(e -> !pack.rules().get(e.getKey()).firesInEveryBuild()).map(e -> site(pack, e.getKey())).toList();
        return new Result(List.of(), knowledge.hypotheses().size(), knowledge.thresholds().size(), List.of(), pack.rules().size(),
                List.copyOf(lint), scenarios, builds, List.copyOf(failures), List.copyOf(incidents), neverFire, neverSilent);
    }

    private static RuleSite site(RulePack pack, String id) {
        RuleInfo info = pack.rules().get(id);
        return new RuleSite(id, info.file(), info.line());
    }

    private static List<Problem> lint(Path rulesDir) {
        List<Problem> lint = new ArrayList<>();
        List<Path> ruleFiles;
        try (Stream<Path> walk = Files.walk(rulesDir)) {
            ruleFiles = walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        } catch (IOException | RuntimeException e) {
            // RulePack.load read the same tree a moment ago; a tree that vanished since has nothing to lint
            ruleFiles = List.of();
        }
        for (Path file : ruleFiles) {
            try {
                lint.addAll(RuleLint.lint(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                lint.add(new Problem("rules.unreadable", file.toString(), "", 0, 0, "cannot read: " + e.getMessage(), null, null));
            }
        }
        return lint;
    }

    /**
     * A file of this name marks its directory, and everything under it, as holding no scenarios:
     * data that other checks read (eval-results samples and the symptom files they are imported
     * into, say), which {@code verify} neither triages nor counts. Its text says why.
     */
    public static final String NOT_SCENARIOS = "not-scenarios.txt";

    /**
     * Regular *.yaml, *.yml, *.json files and {@value #EXPECTED_ERRORS} files under {@code fixtures}, in path order,
     * except those under a directory holding a {@value #NOT_SCENARIOS} file.
     */
    private static List<Path> fixtureFiles(Path fixtures) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fixtures)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> skipped = files.stream().filter(p -> p.getFileName().toString().equals(NOT_SCENARIOS)).map(Path::getParent).toList();
        return files.stream()
                .filter(p -> skipped.stream().noneMatch(p::startsWith))
                .filter(p -> BatchInputs.isSymptomFile(p) || p.getFileName().toString().equals(EXPECTED_ERRORS))
                .toList();
    }

    /** The files the {@value #EXPECTED_ERRORS} lists among {@code files} declare malformed on purpose, as absolute normalized paths. */
    private static Set<Path> declaredMalformed(List<Path> files, List<String> failures) {
        Set<Path> declared = new HashSet<>();
        for (Path list : files) {
            if (!list.getFileName().toString().equals(EXPECTED_ERRORS)) continue;
            try {
                for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    if (line.isBlank() || line.startsWith("#")) continue;
                    String name = line.split("\t", -1)[0].strip();
                    if (!name.isEmpty()) declared.add(list.toAbsolutePath().getParent().resolve(name).normalize());
                }
            } catch (IOException | RuntimeException e) {
                failures.add(list + ": cannot read the list of malformed fixtures: " + e.getMessage());
            }
        }
        return declared;
    }
}
