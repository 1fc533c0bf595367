package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        JsonNode report = triage(dir, yaml);
        JsonNode d = diagnosis(report, 1);
        assertNotEquals("alibi-linear-bias", d.path("hypothesis").asString());
        // Nothing degraded any more: no fault to explain, and the saturating bias fits the kept early context better.
        assertEquals("no-fault", d.path("verdict").asString());
        double t5 = Double.NaN;
        double alibi = Double.NaN;
        for (JsonNode h : report.path("builds").get(1).path("hypotheses")) {
            if (h.path("id").asString().equals("t5-bucketed-bias")) t5 = h.path("score").asDouble();
            if (h.path("id").asString().equals("alibi-linear-bias")) alibi = h.path("score").asDouble();
        }
        assertTrue(t5 > alibi, "early context kept: T5 (" + t5 + ") must outrank ALiBi (" + alibi + ")");
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
