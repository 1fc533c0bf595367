package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.posmortem.cli.ExitCodes;
import io.posmortem.intake.ExpectationReader;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.model.input.BuildExpectation;
import io.posmortem.report.ExpectationCheck;
import io.posmortem.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every scenario fixture is triaged through the command line with {@code --format json} and each
 * build is checked against its expectations by the same checker {@code posmortem verify} uses
 * ({@link ExpectationCheck}): verdict, diagnosis, near misses, ranking, rejections, fixes, rules
 * that must fire and rules that must stay silent. One test per build, named by file and build.
 *
 * <p>Every {@code .yaml}, {@code .yml} and {@code .json} file under {@code fixtures/} is a scenario
 * except model configs ({@code *.config.json}, read by the scenario beside them) and the files in
 * the directories of {@link #NOT_SCENARIOS}. A scenario that cannot be read, or that has
 * lost its {@code expect:} block, is a failing test that names the file: a fixture cannot drop out
 * of the suite silently.
 */
class FixtureTest {

    /**
     * Top-level fixture directories that hold no scenarios, each checked by its own test: malformed
     * inputs ({@code InvalidInputTest}), inputs once hostile ({@code HostileNumbersTest},
     * {@code HostileFilesTest}), broken rule packs ({@code RulePackTest}, {@code ContainmentTest}) and
     * eval-results samples for import ({@code ResultsImportTest}).
     */
    static final Set<String> NOT_SCENARIOS = Set.of("invalid", "hostile", "broken-rules", "results");

    static final Path ROOT = Path.of("fixtures");

    /** Every scenario file, sorted by path. */
    static List<Path> scenarioFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(FixtureTest::isSymptomSyntax)
                    .filter(p -> ROOT.relativize(p).getNameCount() > 1) // fixtures/README.md and the like
                    .filter(p -> !NOT_SCENARIOS.contains(ROOT.relativize(p).getName(0).toString()))
                    .sorted()
                    .toList();
        }
    }

    static boolean isSymptomSyntax(Path p) {
        String name = p.getFileName().toString();
        if (name.endsWith(".config.json")) return false; // a model config, not a symptom file
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureMeetsItsExpectations() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int builds = 0;
        for (Path fixture : scenarioFiles()) {
            List<BuildExpectation> expectations;
            try {
                expectations = ExpectationReader.read(fixture);
            } catch (InvalidInputException e) {
                String problem = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).oneLine();
                tests.add(DynamicTest.dynamicTest(fixture + " cannot be read",
                        () -> fail(fixture + " cannot be read as a scenario: " + problem, e)));
                continue;
            }
            if (expectations.isEmpty()) {
                tests.add(DynamicTest.dynamicTest(fixture + " has no expectations",
                        () -> fail(fixture + " has no expect: block with builds; a file under fixtures/ outside "
                                + NOT_SCENARIOS + " is a scenario and must say what it expects")));
                continue;
            }
            for (BuildExpectation e : expectations) {
                builds++;
                tests.add(DynamicTest.dynamicTest(fixture + " " + e.build(), () -> check(fixture, e)));
            }
        }
        // A floor under the whole directory walk (e.g. the working directory is not the project root).
        assertTrue(builds >= 40, "expected the seed, contrast, class, near-miss and statistics fixtures; found " + builds + " builds");
        return tests.stream();
    }

    static void check(Path fixture, BuildExpectation expectation) {
        Cli cli = Cli.run("triage", "--format", "json", fixture.toString());
        assertEquals(ExitCodes.OK, cli.exit(), () -> fixture + ": exit code; stderr: " + cli.err());
        Report report = JsonMapper.builder()
                .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).build()
                .readValue(cli.out(), Report.class);
        List<String> failures = ExpectationCheck.failures(report, List.of(expectation));
        assertTrue(failures.isEmpty(), fixture + " " + expectation.build() + ": " + failures);
    }
}
