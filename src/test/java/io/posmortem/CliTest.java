package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line's contract: exit codes, where output goes, batches that lose nothing. */
class CliTest {

    static final String SEED = "fixtures/seed/founding-case.yaml";

    @Test
    void triageOfTheSeedExitsZeroAndAnswersFirst() {
        Cli cli = Cli.run("triage", SEED);
        assertEquals(ExitCodes.OK, cli.exit(), cli.err());
        assertTrue(cli.out().contains("DIAGNOSIS: uniform-rope-interpolation"), cli.out());
        assertTrue(cli.out().contains("DIAGNOSIS: alibi-linear-bias"), cli.out());
        assertTrue(cli.out().indexOf("DIAGNOSIS: uniform-rope-interpolation") < cli.out().indexOf("hypotheses ("),
                "the answer comes before the ranking");
        assertEquals("", cli.err());
    }

    @Test
    void aBatchWithAnInvalidFileStillTriagesTheOthersAndExitsThree() {
        Cli cli = Cli.run("triage", "--format", "json", "fixtures/invalid/unknown-capability.yaml", SEED);
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
        List<String> lines = cli.out().lines().toList();
        assertEquals(2, lines.size(), "one JSON Lines record per input");
        JsonNode first = JsonMapper.builder().build().readTree(lines.get(0));
        JsonNode second = JsonMapper.builder().build().readTree(lines.get(1));
        assertEquals("invalid", first.path("status").asString());
        assertEquals("vocabulary.capability", first.path("errors").get(0).path("code").asString());
        assertEquals(9, first.path("errors").get(0).path("line").asInt());
        assertEquals("diagnosed", second.path("status").asString());
        assertTrue(cli.err().contains("unknown-capability.yaml:9:9"), cli.err());
        assertFalse(cli.err().contains("Exception"), "no stack trace for a user mistake: " + cli.err());
    }

    @Test
    void anInvalidFileInTextModeGoesToStderrWithItsLocation() {
        Cli cli = Cli.run("triage", "fixtures/invalid/misspelled-outcome.yaml");
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
        assertTrue(cli.err().contains("misspelled-outcome.yaml:10:9"), cli.err());
        assertTrue(cli.err().contains("did you mean 'degraded'?"), cli.err());
        assertFalse(cli.err().contains("at io.posmortem"), cli.err());
    }

    @Test
    void aMissingFileIsAnInvalidInputNotACrash() {
        Cli cli = Cli.run("triage", "no/such/file.yaml");
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
        assertTrue(cli.err().contains("file not found"), cli.err());
    }

    @Test
    void aDirectoryIsSearchedForSymptomFiles() {
        Cli cli = Cli.run("triage", "--format", "json", "fixtures/contrast");
        assertEquals(ExitCodes.OK, cli.exit(), cli.err());
        // one JSON line per symptom file in the directory
        assertEquals(yamlFiles(Path.of("fixtures/contrast")), cli.out().lines().count());
    }

    @Test
    void outWritesOneReportPerInputAndPrintsWhere(@TempDir Path dir) throws Exception {
        Cli cli = Cli.run("triage", "--format", "json", "--out", dir.toString(), SEED, "fixtures/invalid/empty.yaml");
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
        assertTrue(Files.exists(dir.resolve("founding-case.json")));
        assertTrue(Files.exists(dir.resolve("empty.json")));
        assertTrue(cli.out().contains("diagnosed\t" + SEED), cli.out());
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("founding-case.json")));
        assertEquals("diagnosed", report.path("status").asString());
    }

    @Test
    void brokenRulesExitFourAndTriageNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.drl"), "package x\nrule \"r\"\nwhen\n  Foo(\nthen\nend\n");
        Cli cli = Cli.run("triage", "--rules", dir.toString(), SEED);
        assertEquals(ExitCodes.RULES, cli.exit());
        assertTrue(cli.err().contains("broken.drl:"), cli.err());
        assertEquals("", cli.out());
    }

    @Test
    void aMissingKnowledgeBaseExitsFour(@TempDir Path dir) {
        Cli cli = Cli.run("triage", "--kb", dir.resolve("none").toString(), SEED);
        assertEquals(ExitCodes.RULES, cli.exit());
        assertTrue(cli.err().contains("capabilities.yaml"), cli.err());
    }

    @Test
    void aBrokenKnowledgeBaseIsReportedBeforeBrokenRules(@TempDir Path dir) throws Exception {
        // The two are read at the same time (Triage.load); what the user sees is the order they were read in before.
        Files.writeString(dir.resolve("broken.drl"), "package x\nrule \"r\"\nwhen\n  Foo(\nthen\nend\n");
        Cli cli = Cli.run("triage", "--rules", dir.toString(), "--kb", dir.resolve("none").toString(), SEED);
        assertEquals(ExitCodes.RULES, cli.exit());
        assertTrue(cli.err().contains("capabilities.yaml"), cli.err());
        assertFalse(cli.err().contains("broken.drl"), cli.err());
        assertEquals("", cli.out());
    }

    @Test
    void usageErrorsExitTwoWithASuggestion() {
        Cli unknown = Cli.run("triag", SEED);
        assertEquals(ExitCodes.USAGE, unknown.exit());
        assertTrue(unknown.err().contains("triage"), unknown.err());
        assertEquals(ExitCodes.USAGE, Cli.run("triage").exit());
        assertEquals(ExitCodes.USAGE, Cli.run("triage", "--format", "xml", SEED).exit());
    }

    static long yamlFiles(Path dir) {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
