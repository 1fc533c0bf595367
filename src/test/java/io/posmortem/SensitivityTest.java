package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conclusions come from observations, not from which file was read: editing the founding case's
 * observations (nothing else) changes its conclusions the way the mechanisms say it should.
 */
class SensitivityTest {

    static String seed() throws Exception {
        return Files.readString(Path.of("fixtures/seed/founding-case.yaml"));
    }

    static JsonNode triage(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("edited.yaml");
        Files.writeString(file, yaml);
        Cli cli = Cli.run("triage", "--format", "json", file.toString());
        assertEquals(0, cli.exit(), cli.err());
        return JsonMapper.builder().build().readTree(cli.out());
    }

    static JsonNode diagnosis(JsonNode report, int build) {
        return report.path("builds").get(build).path("diagnosis");
    }

    static String swap(String yaml, String observationId, String from, String to) {
        int at = yaml.indexOf("id: " + observationId);
        int outcome = yaml.indexOf("outcome: " + from, at);
        return yaml.substring(0, outcome) + "outcome: " + to + yaml.substring(outcome + ("outcome: " + from).length());
    }

    @Test
    void buildAWithLocalSyntaxKeptAndReferencesLostIsNotUniformInterpolation(@TempDir Path dir) throws Exception {
        String yaml = swap(swap(seed(), "json-and-citations", "degraded", "preserved"), "cross-references", "preserved", "degraded");
        JsonNode d = diagnosis(triage(dir, yaml), 0);
        assertNotEquals("uniform-rope-interpolation", d.path("hypothesis").asString());
    }

    @Test
    void buildBWithEarlyTurnsStillUsedIsNotAlibi(@TempDir Path dir) throws Exception {
        String yaml = swap(swap(seed(), "early-instructions", "degraded", "preserved"), "recent-turns", "degraded", "preserved")
                .replace("        worsens_with_length: true\n", "");
        JsonNode d = diagnosis(triage(dir, yaml), 1);
        assertNotEquals("alibi-linear-bias", d.path("hypothesis").asString());
        assertEquals("t5-bucketed-bias", d.path("hypothesis").asString(), "early context kept: the saturating bias fits better");
    }

    @Test
    void buildAWithoutTheLocalSyntaxObservationIsNoLongerADiagnosis(@TempDir Path dir) throws Exception {
        String yaml = seed();
        int start = yaml.indexOf("      - id: json-and-citations");
        int end = yaml.indexOf("  - id: build-b");
        yaml = yaml.substring(0, start) + yaml.substring(end);
        JsonNode d = diagnosis(triage(dir, yaml), 0);
        assertNotEquals("diagnosed", d.path("verdict").asString(), "long-range references kept alone cannot single out a mapping");
    }
}
