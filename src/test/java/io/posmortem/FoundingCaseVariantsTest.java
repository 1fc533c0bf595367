package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The founding case re-told at other geometries: trained windows of 2k, 4k and 8k, extended 4x,
 * 8x and 16x, with the observed bands scaled along. Build A must stay uniform interpolation (the
 * fast pairs compressed at least 4x: the PI paper's perplexity roughly doubles at 4x before
 * fine-tuning) and Build B ALiBi (its gentlest head's penalty passes 20 nats before 5k tokens
 * back at 32 heads, whatever the window).
 */
class FoundingCaseVariantsTest {

    static final YAMLMapper YAML = YAMLMapper.builder().build();

    @ParameterizedTest(name = "trained {0}, factor {1}")
    @CsvSource({"2048,4", "2048,8", "2048,16", "4096,4", "4096,8", "4096,16", "8192,4", "8192,8", "8192,16"})
    void theAnswerHoldsAcrossGeometries(int trained, int factor, @TempDir Path dir) throws IOException {
        int target = trained * factor;
        // Edited through the YAML tree; each edit checks the value it replaces, so a renamed field
        // fails the test instead of leaving the founding case's geometry in place.
        ObjectNode retold = (ObjectNode) YAML.readTree(Files.readString(Path.of("fixtures/seed/founding-case.yaml")));
        retold.remove("expect");
        ObjectNode model = (ObjectNode) retold.get("model");
        assertEquals(4096, model.path("trained_context").asInt(), "the seed's trained window");
        model.put("trained_context", trained);
        int observations = 0;
        for (JsonNode build : retold.path("builds")) {
            ObjectNode retrofit = (ObjectNode) build.get("retrofit");
            assertEquals(32768, retrofit.path("target_context").asInt(), "the seed's target window");
            retrofit.put("target_context", target);
            for (JsonNode o : build.path("observations")) {
                ObjectNode context = (ObjectNode) o.get("context");
                assertEquals(20000, context.path("from").asInt(), "the seed's observed band starts at 20,000");
                assertEquals(32768, context.path("to").asInt(), "the seed's observed band ends at the target");
                context.put("from", target * 5 / 8);
                context.put("to", target);
                observations++;
            }
        }
        assertEquals(5, observations, "the seed's observations");
        Path file = dir.resolve("variant.yaml");
        Files.writeString(file, YAML.writeValueAsString(retold));
        Cli cli = Cli.run("triage", "--format", "json", file.toString());
        JsonNode report = JsonMapper.builder().build().readTree(cli.out());
        JsonNode a = report.path("builds").get(0).path("diagnosis");
        JsonNode b = report.path("builds").get(1).path("diagnosis");
        assertEquals("diagnosed", a.path("verdict").asString(), cli.out());
        assertEquals("uniform-rope-interpolation", a.path("hypothesis").asString());
        assertEquals("diagnosed", b.path("verdict").asString(), cli.out());
        assertEquals("alibi-linear-bias", b.path("hypothesis").asString());
        assertTrue(report.path("builds").get(0).path("recommendations").get(0).path("id").asString().equals("frequency-aware-rope-scaling"));
    }
}
