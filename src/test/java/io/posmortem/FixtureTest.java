package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.cli.ExitCodes;
import io.posmortem.intake.ExpectationReader;
import io.posmortem.model.BuildExpectation;
import io.posmortem.report.ExpectationCheck;
import io.posmortem.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every fixture with an {@code expect:} block is triaged through the command line with
 * {@code --format json} and each build is checked against its expectations by the same checker
 * {@code posmortem verify} uses ({@link ExpectationCheck}): verdict, diagnosis, near misses,
 * ranking, rejections, fixes, rules that must fire and rules that must stay silent. One test per
 * build.
 */
class FixtureTest {

    static Stream<Path> fixtures() throws IOException {
        return Files.walk(Path.of("fixtures"))
                .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
                .filter(FixtureTest::hasExpectations)
                .sorted();
    }

    private static boolean hasExpectations(Path p) {
        try {
            return !ExpectationReader.read(p).isEmpty();
        } catch (Exception e) {
            return false; // malformed fixtures are covered by InvalidInputTest
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureMeetsItsExpectations() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path fixture : fixtures().toList()) {
            for (BuildExpectation e : ExpectationReader.read(fixture)) {
                tests.add(DynamicTest.dynamicTest(fixture + " " + e.build(), () -> check(fixture, e)));
            }
        }
        assertTrue(tests.size() >= 40, "expected the seed, contrast, class, near-miss and statistics fixtures; found " + tests.size());
        return tests.stream();
    }

    static void check(Path fixture, BuildExpectation expectation) {
        Cli cli = Cli.run("triage", "--format", "json", fixture.toString());
        assertEquals(ExitCodes.OK, cli.exit(), () -> "exit code; stderr: " + cli.err());
        Report report = JsonMapper.builder()
                .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).build()
                .readValue(cli.out(), Report.class);
        List<String> failures = ExpectationCheck.failures(report, List.of(expectation));
        assertTrue(failures.isEmpty(), fixture + ": " + failures);
    }
}
