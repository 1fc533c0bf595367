package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Conclusions come from observations, not from which file was read: editing the founding case's
 * observations (nothing else) changes its conclusions the way the mechanisms say it should. Edits
 * go through the YAML tree and each one checks that what it edits is there, so a renamed
 * observation fails the test instead of editing something else.
 */
class SensitivityTest {

    static final YAMLMapper YAML = YAMLMapper.builder().build();

    static ObjectNode seed() throws Exception {
        return (ObjectNode) YAML.readTree(Files.readString(Path.of("fixtures/seed/founding-case.yaml")));
    }

    static JsonNode triage(Path dir, JsonNode edited) throws Exception {
        Path file = dir.resolve("edited.yaml");
        Files.writeString(file, YAML.writeValueAsString(edited));
        Cli cli = Cli.run("triage", "--format", "json", file.toString());
        assertEquals(0, cli.exit(), cli.err());
        return JsonMapper.builder().build().readTree(cli.out());
    }

    static JsonNode diagnosis(JsonNode report, int build) {
        return report.path("builds").get(build).path("diagnosis");
    }

    /** The observations list of the build with this id; fails when there is none. */
    static ArrayNode observations(JsonNode root, String buildId) {
        for (JsonNode b : root.path("builds")) {
            if (b.path("id").asString().equals(buildId)) return (ArrayNode) b.get("observations");
        }
        throw new AssertionError("the seed has no build " + buildId);
    }

    /** The one observation with this id in any build; fails when there is none or more than one. */
    static ObjectNode observation(JsonNode root, String observationId) {
        List<ObjectNode> found = new ArrayList<>();
        for (JsonNode b : root.path("builds")) {
            for (JsonNode o : b.path("observations")) {
                if (o.path("id").asString().equals(observationId)) found.add((ObjectNode) o);
            }
        }
        assertEquals(1, found.size(), "observations with id " + observationId);
        return found.get(0);
    }

    /** Sets an observation's outcome from {@code from} to {@code to}; fails when its outcome is not {@code from}. */
    static ObjectNode swap(ObjectNode root, String observationId, String from, String to) {
        ObjectNode o = observation(root, observationId);
        assertEquals(from, o.path("outcome").asString(), "outcome of " + observationId + " before the edit");
        o.put("outcome", to);
        return root;
    }

    @Test
    void buildAWithLocalSyntaxKeptAndReferencesLostIsNotUniformInterpolation(@TempDir Path dir) throws Exception {
        ObjectNode yaml = swap(swap(seed(), "json-and-citations", "degraded", "preserved"), "cross-references", "preserved", "degraded");
        JsonNode d = diagnosis(triage(dir, yaml), 0);
        assertNotEquals("uniform-rope-interpolation", d.path("hypothesis").asString());
    }

    @Test
    void buildBWithEarlyTurnsStillUsedIsNotAlibi(@TempDir Path dir) throws Exception {
        ObjectNode yaml = swap(swap(seed(), "early-instructions", "degraded", "preserved"), "recent-turns", "degraded", "preserved");
        for (String id : List.of("early-instructions", "recent-turns")) {
            assertTrue(observation(yaml, id).remove("worsens_with_length") != null, id + " says worsens_with_length before the edit");
        }
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
        ObjectNode yaml = seed();
        ArrayNode buildA = observations(yaml, "build-a");
        int before = buildA.size();
        for (int i = buildA.size() - 1; i >= 0; i--) {
            if (buildA.get(i).path("id").asString().equals("json-and-citations")) buildA.remove(i);
        }
        assertEquals(before - 1, buildA.size(), "json-and-citations removed from build-a");
        JsonNode d = diagnosis(triage(dir, yaml), 0);
        assertNotEquals("diagnosed", d.path("verdict").asString(), "long-range references kept alone cannot single out a mapping");
    }

    @Test
    void anUneditedRoundTripKeepsTheSeedsConclusions(@TempDir Path dir) throws Exception {
        // The edits above are only meaningful if writing the tree back changes nothing by itself:
        // the seed's own expectations (fixtures/seed/founding-case.yaml, expect:) still hold.
        JsonNode report = triage(dir, seed());
        assertEquals("uniform-rope-interpolation", diagnosis(report, 0).path("hypothesis").asString());
        assertEquals("alibi-linear-bias", diagnosis(report, 1).path("hypothesis").asString());
    }
}
