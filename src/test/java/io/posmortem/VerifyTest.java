package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.cli.ExitCodes;
import io.posmortem.inference.RuleLint;
import io.posmortem.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code posmortem verify} on the shipped tree, on broken packs, and following the authoring guide. */
class VerifyTest {

    @Test
    void theShippedRulesKnowledgeAndFixturesPass() {
        Cli cli = Cli.run("verify");
        assertEquals(ExitCodes.OK, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains("coverage: ok"), cli.out());
        assertTrue(cli.out().endsWith("VERIFY PASSED\n"), cli.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "syntax-error, rules.compile, rule.drl:14:1",
            "unknown-field, did you mean 'subject'?, rule.drl:13:28",
            "missing-metadata, rules.metadata-missing, rule.drl:5",
            "unknown-threshold, rules.unknown-threshold, rule.drl:13",
            "two-broken-files, b.drl:13:28, a.drl:14:1"})
    void brokenPacksFailWithTheirDocumentedProblems(String pack, String code, String where) {
        Cli cli = Cli.run("verify", "--rules", "fixtures/broken-rules/" + pack);
        assertEquals(ExitCodes.VERIFY, cli.exit(), cli.out());
        assertTrue(cli.out().contains(code), cli.out());
        assertTrue(cli.out().contains(where), cli.out());
        assertTrue(cli.out().contains("VERIFY FAILED"), cli.out());
    }

    @Test
    void aFixtureThatCannotBeReadFailsVerifyByName(@TempDir Path dir) throws IOException {
        // The seed, a scenario that no longer parses, and a malformed input its directory's
        // expected-errors.tsv lists (an intake-error fixture, which is no scenario).
        Path fixtures = Files.createDirectories(dir.resolve("fixtures"));
        Files.copy(Path.of("fixtures/seed/founding-case.yaml"), fixtures.resolve("seed.yaml"));
        Files.writeString(fixtures.resolve("broken-scenario.yaml"), "posmortem: 1\nbuilds: [oops\nexpect:\n  builds: {}\n");
        Path invalid = Files.createDirectories(fixtures.resolve("invalid"));
        Files.writeString(invalid.resolve("malformed.yaml"), "builds: [oops\n");
        Files.writeString(invalid.resolve("expected-errors.tsv"), "# file\tcode\nmalformed.yaml\tsyntax\n");
        Cli cli = Cli.run("verify", "--fixtures", fixtures.toString());
        assertEquals(ExitCodes.VERIFY, cli.exit(), cli.out());
        assertTrue(cli.out().contains("broken-scenario.yaml: cannot be read as a fixture: "), cli.out());
        assertTrue(!cli.out().contains("malformed.yaml"), cli.out());
        assertTrue(cli.out().contains("1 scenarios"), cli.out());
    }

    @Test
    void compileErrorsShowTheSourceLineWithACaret() {
        String out = Cli.run("verify", "--rules", "fixtures/broken-rules/unknown-field").out();
        Matcher m = Pattern.compile("(?m)^ +13 \\| (.*)\\n( +)\\^$").matcher(out);
        assertTrue(m.find(), out);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"looping-rule, without settling", "throwing-consequence, ArithmeticException"})
    void runTimeFailuresFailTheScenarios(String pack, String message) {
        Cli cli = Cli.run("verify", "--rules", "fixtures/broken-rules/" + pack);
        assertEquals(ExitCodes.VERIFY, cli.exit());
        assertTrue(cli.out().contains("the rules could not finish") && cli.out().contains(message), cli.out());
    }

    @Test
    void lintFindsDuplicateSubsumedAndContradictoryConditions() {
        String drl = """
                rule "A"
                    salience 100
                when
                    Threshold( id == "x", value > 0.5, value > 0.3 )
                    Threshold( id == "x", value > 0.5, value > 0.3 )
                    Finding( value > 2, value < 1 )
                then
                    System.out.println();
                end

                rule "B"
                    salience 100
                when
                    Threshold( id == "x", value > 0.5, value > 0.3 )
                    Threshold( id == "x", value > 0.5, value > 0.3 )
                    Finding( value > 2, value < 1 )
                then
                    System.out.println();
                end
                """;
        List<String> codes = RuleLint.lint("x.drl", drl).stream().map(Problem::code).distinct().toList();
        assertEquals(List.of("lint.subsumed-comparison", "lint.duplicate-condition", "lint.contradictory-comparison",
                "lint.duplicate-rule"), codes);
        assertTrue(RuleLint.lint("ok.drl", "rule \"C\"\nwhen\n    Finding( value > 1, value < 2 )\nthen\nend\n").isEmpty());
    }

    @Test
    void contradictoryThresholdsAreRefused(@TempDir Path dir) throws IOException {
        Path kb = copy(Path.of("knowledge-base"), dir.resolve("knowledge-base"));
        Path thresholds = kb.resolve("thresholds.yaml");
        YAMLMapper yaml = YAMLMapper.builder().build();
        JsonNode tree = yaml.readTree(Files.readString(thresholds));
        ObjectNode kept = null;
        for (JsonNode t : tree.path("thresholds")) {
            if (t.path("id").asString().equals("rope.local-kept-share")) kept = (ObjectNode) t;
        }
        assertTrue(kept != null && kept.path("value").asDouble() == 0.1, "rope.local-kept-share = 0.1 before the edit: " + kept);
        kept.put("value", 0.9);
        Files.writeString(thresholds, yaml.writeValueAsString(tree));
        Cli cli = Cli.run("verify", "--kb", kb.toString());
        assertEquals(ExitCodes.VERIFY, cli.exit());
        assertTrue(cli.out().contains("rope.local-lost-share = 0.5 must exceed rope.local-kept-share = 0.9"), cli.out());
    }

    /** The worked example of fixtures/README.md, step by step, on a copy of the tree. */
    @Test
    void theAuthoringGuideWorksAsWritten(@TempDir Path dir) throws IOException {
        Path rules = copy(Path.of("rules"), dir.resolve("rules"));
        Path kb = copy(Path.of("knowledge-base"), dir.resolve("knowledge-base"));
        Path fixtures = copy(Path.of("fixtures"), dir.resolve("fixtures"));
        String guide = Files.readString(Path.of("fixtures/README.md"));
        Matcher block = Pattern.compile("File `([^`]+)` \\((new|append)\\):\\n\\n```\\w*\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        int steps = 0;
        while (block.find()) {
            Path target = dir.resolve(block.group(1));
            Files.createDirectories(target.getParent());
            if (block.group(2).equals("new")) Files.writeString(target, block.group(3));
            else Files.writeString(target, Files.readString(target) + block.group(3));
            steps++;
            if (steps == 1) {
                // The fixture alone: verify fails on it.
                Cli before = Cli.run("verify", "--rules", rules.toString(), "--kb", kb.toString(), "--fixtures", fixtures.toString());
                assertEquals(ExitCodes.VERIFY, before.exit(), before.out());
                assertTrue(before.out().contains("expected dynamic-ntk-prefix-cache"), before.out());
            }
        }
        assertEquals(4, steps, "fixture, hypothesis, reported-fact rows and rule file");
        Cli after = Cli.run("verify", "--rules", rules.toString(), "--kb", kb.toString(), "--fixtures", fixtures.toString());
        assertEquals(ExitCodes.OK, after.exit(), after.out());
        assertTrue(after.out().contains("VERIFY PASSED"), after.out());
        Cli triage = Cli.run("triage", "--rules", rules.toString(), "--kb", kb.toString(),
                fixtures.resolve("classes/dynamic-ntk-prefix-cache.yaml").toString());
        assertTrue(triage.out().contains("diagnosed: dynamic-ntk-prefix-cache"), triage.out());
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }
}
