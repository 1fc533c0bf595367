package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.engine.Triage;
import io.posmortem.inference.InferenceException;
import io.posmortem.intake.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every input in fixtures/hostile/ (tiny files that asked for minutes of work, numbers that
 * ended as internal errors) through {@code posmortem triage --format json}: exit 3 with the
 * problem listed for it in fixtures/hostile/expected-errors.tsv (code, pointer, line, hint), or
 * exit 0 for the rows whose computation is now closed-form; each within a generous bound that only
 * checks that it ends. The evidence commands refuse out-of-domain parameters as usage errors
 * naming them.
 */
class HostileNumbersTest {

    static final Path DIR = Path.of("fixtures/hostile");

    @TestFactory
    Stream<DynamicTest> eachHostileInputEndsWithItsDocumentedOutcome() throws Exception {
        List<String> rows = Files.readAllLines(DIR.resolve("expected-errors.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        try (Stream<Path> files = Files.list(DIR)) {
            long inputs = files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".tsv")).count();
            assertEquals(inputs, rows.size(), "every input in fixtures/hostile/ has a row in expected-errors.tsv");
        }
        return rows.stream().map(row -> {
            String[] c = row.split("\t");
            Executable check = () -> {
                String input = DIR.resolve(c[0]).toString();
                Cli run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("triage", "--format", "json", input),
                        input + " did not end");
                JsonNode report = JsonMapper.builder().build().readTree(run.out());
                if (c[1].equals("-")) {
                    assertEquals(0, run.exit(), run.err());
                    assertEquals("diagnosed", report.path("status").asString());
                    return;
                }
                assertEquals(3, run.exit(), run.out() + run.err());
                assertEquals("invalid", report.path("status").asString());
                JsonNode first = report.path("errors").get(0);
                assertEquals(c[1], first.path("code").asString(), first.toString());
                assertEquals(c[2], first.path("pointer").asString(), first.toString());
                assertEquals(Integer.parseInt(c[3]), first.path("line").asInt(), first.toString());
                assertFalse(first.path("message").asString().isBlank());
                if (!c[4].equals("-")) assertTrue(first.path("hint").asString("").contains(c[4]), first.toString());
                assertTrue(run.err().contains("[" + c[1] + "]"), "stderr names the code: " + run.err());
                assertFalse(run.err().contains("Exception"), run.err());
            };
            return DynamicTest.dynamicTest(c[0], check);
        });
    }

    @Test
    void theAngleLimitStatesTheLimitTheValueAndWhatToChange() {
        Cli run = Cli.run("triage", "--format", "json", DIR.resolve("costly-angle-precision.yaml").toString());
        assertTrue(run.out().contains("3200129024 angle evaluations"), run.out());
        assertTrue(run.out().contains("at most 50000000"), run.out());
    }

    @Test
    void evidencePastTheInputsDeadlineIsAFailedRunNamingTheBuild() throws Exception {
        // A budget of zero has passed before the first subject's evidence: the check there must fire.
        Triage triage = Triage.load(Path.of("rules"), Path.of("knowledge-base")).withBudget(Duration.ZERO);
        InferenceException e = org.junit.jupiter.api.Assertions.assertThrows(InferenceException.class,
                () -> triage.run(SourceText.read(Path.of("fixtures/seed/founding-case.yaml"))));
        assertEquals("evidence.timeout", e.problem().code());
        assertEquals("/builds/0", e.problem().pointer());
        assertTrue(e.problem().message().contains("build-a"), e.problem().message());
    }

    @Test
    void theLongestAlibiSeriesEnds() {
        // Contexts double from 2 x span up to --context; doubling past 2^62 used to wrap negative and never reach it.
        Cli run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Cli.run("alibi", "--heads", "8", "--span", "1", "--context", "9223372036854775807"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("9223372036854775807"), "the series ends at --context");
    }

    @TestFactory
    Stream<DynamicTest> evidenceCommandsRefuseOutOfDomainParametersAsUsageErrors() {
        List<List<String>> cases = List.of(
                List.of("rope", "--head-dim", "2", "--scaling", "{\"rope_type\": \"ntk\", \"factor\": 4}"),
                List.of("rope", "--head-dim", "128", "--scaling", "{\"rope_type\": \"linear\", \"factor\": -4}"),
                List.of("rope", "--head-dim", "128", "--scaling",
                        "{\"rope_type\": \"llama3\", \"factor\": 8, \"low_freq_factor\": 4, \"high_freq_factor\": 1}"),
                List.of("rope", "--head-dim", "128", "--scaling", "{\"rope_type\": \"yarn\", \"factor\": 8, \"beta_slow\": 4.9e-324}"),
                List.of("rope", "--head-dim", "128", "--base", "1"),
                List.of("rope", "--head-dim", "128", "--base", "NaN"),
                List.of("rope", "--head-dim", "128", "--inference-base", "1"),
                List.of("rope", "--head-dim", "128", "--rotary-fraction", "0"),
                List.of("rope", "--head-dim", "2000000000"),
                List.of("rope", "--head-dim", "128", "--max-position-embeddings", "1"),
                List.of("rope", "--head-dim", "128", "--seq-len", "0"),
                List.of("alibi", "--heads", "2000000000"),
                List.of("alibi", "--heads", "0"),
                List.of("alibi", "--heads", "-3"),
                List.of("t5-buckets", "--num-buckets", "1", "--from", "-10", "--to", "0"),
                List.of("t5-buckets", "--max-distance", "4", "--from", "-10", "--to", "0"),
                List.of("t5-buckets", "--from", "0", "--to", "-10"),
                List.of("t5-buckets", "--from", "-9223372036854775808", "--to", "9223372036854775807"));
        return cases.stream().map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> {
            Cli run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run(args.toArray(String[]::new)));
            assertTrue(run.exit() == 2 || run.exit() == 3, "exit " + run.exit() + ": " + run.err() + run.out());
            assertFalse(run.err().contains("internal"), run.err());
            assertFalse(run.err().isBlank());
        }));
    }
}
