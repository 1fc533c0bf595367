package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every fixture with an {@code expect:} block is triaged through the command line with
 * {@code --format json}, and each build's expectations are asserted on the JSON: verdict,
 * diagnosis, hypotheses it must outrank, hypotheses that must be rejected, the recommended fix,
 * rejected fixes, rules that must fire and rules that must stay silent, hypotheses that must not
 * be the diagnosis (near misses). One test per build.
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
            return YAMLMapper.builder().build().readTree(Files.readString(p)).has("expect");
        } catch (Exception e) {
            return false; // malformed fixtures are covered by InvalidInputTest
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureMeetsItsExpectations() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path fixture : fixtures().toList()) {
            JsonNode expect = YAMLMapper.builder().build().readTree(Files.readString(fixture)).path("expect").path("builds");
            for (Map.Entry<String, JsonNode> build : expect.properties()) {
                tests.add(DynamicTest.dynamicTest(fixture + " " + build.getKey(), () -> check(fixture, build.getKey(), build.getValue())));
            }
        }
        assertTrue(tests.size() >= 5, "expected the seed, contrast and honest fixtures");
        return tests.stream();
    }

    static void check(Path fixture, String buildId, JsonNode expect) {
        Cli cli = Cli.run("triage", "--format", "json", fixture.toString());
        assertEquals(0, cli.exit(), () -> "exit code; stderr: " + cli.err());
        JsonNode report = JsonMapper.builder().build().readTree(cli.out());
        assertEquals("diagnosed", report.path("status").asString());
        JsonNode build = null;
        for (JsonNode b : report.path("builds")) if (b.path("id").asString().equals(buildId)) build = b;
        if (build == null) fail("no build " + buildId + " in the report");
        JsonNode diagnosis = build.path("diagnosis");
        String context = fixture + " " + buildId + ": ";

        if (expect.has("verdict")) assertEquals(expect.get("verdict").asString(), diagnosis.path("verdict").asString(), context + "verdict");
        if (expect.has("diagnosis")) assertEquals(expect.get("diagnosis").asString(), diagnosis.path("hypothesis").asString(), context + "diagnosis");
        for (JsonNode not : expect.path("not_diagnosis")) {
            boolean concluded = diagnosis.path("verdict").asString().equals("diagnosed")
                    || diagnosis.path("verdict").asString().equals("not-positional");
            assertTrue(!concluded || !diagnosis.path("hypothesis").asString().equals(not.asString()),
                    context + not.asString() + " must not be the diagnosis (verdict " + diagnosis.path("verdict").asString() + ")");
        }
        for (JsonNode below : expect.path("ranked_above")) {
            double top = score(build, diagnosis.path("hypothesis").asString());
            double other = score(build, below.asString());
            assertTrue(top > other, context + diagnosis.path("hypothesis").asString() + " (" + top + ") must outrank " + below.asString() + " (" + other + ")");
        }
        for (JsonNode rejected : expect.path("rejected")) {
            assertEquals("rejected", status(build, rejected.asString()), context + rejected.asString() + " must be rejected");
        }
        if (expect.has("recommendation")) {
            String expected = expect.get("recommendation").asString();
            JsonNode recs = build.path("recommendations");
            String actual = recs.isEmpty() ? "none" : recs.get(0).path("id").asString();
            assertEquals(expected, actual, context + "recommendation");
        }
        List<String> rejectedFixes = new ArrayList<>();
        build.path("rejected_fixes").forEach(f -> rejectedFixes.add(f.path("id").asString()));
        for (JsonNode fix : expect.path("rejected_fixes")) {
            assertTrue(rejectedFixes.contains(fix.asString()), context + "fix " + fix.asString() + " must be rejected; rejected: " + rejectedFixes);
        }
        List<String> fired = new ArrayList<>();
        build.path("reasoning").path("firings").forEach(f -> fired.add(f.path("rule").asString()));
        for (JsonNode rule : expect.path("fires")) {
            assertTrue(fired.contains(rule.asString()), context + "rule " + rule.asString() + " must fire");
        }
        for (JsonNode rule : expect.path("silent")) {
            assertTrue(!fired.contains(rule.asString()), context + "rule " + rule.asString() + " must not fire");
        }
    }

    private static double score(JsonNode build, String hypothesis) {
        for (JsonNode h : build.path("hypotheses")) if (h.path("id").asString().equals(hypothesis)) return h.path("score").asDouble();
        fail("hypothesis " + hypothesis + " was not evaluated");
        return Double.NaN;
    }

    private static String status(JsonNode build, String hypothesis) {
        for (JsonNode h : build.path("hypotheses")) if (h.path("id").asString().equals(hypothesis)) return h.path("status").asString();
        fail("hypothesis " + hypothesis + " was not evaluated");
        return "";
    }
}
