package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** config.json intake, config lint with loader generations, and what-if. */
class ConfigAndWhatIfTest {

    static JsonNode json(Cli cli) {
        assertEquals(ExitCodes.OK, cli.exit(), cli.err());
        return JsonMapper.builder().build().readTree(cli.out());
    }

    @Test
    void theFoundingCaseFixIsConfirmedByWhatIf() {
        JsonNode report = json(Cli.run("triage", "--format", "json", "fixtures/seed/founding-case.yaml"));
        JsonNode block = report.path("builds").get(0).path("recommendations").get(0).path("rope_scaling");
        assertEquals("yarn", block.path("rope_type").asString());
        JsonNode withWhatIf = json(Cli.run("triage", "--format", "json", "--what-if", block.toString(), "fixtures/seed/founding-case.yaml"));
        JsonNode w = withWhatIf.path("builds").get(0).path("what_if");
        assertEquals("uniform-rope-interpolation", w.path("compared_with").asString());
        assertTrue(w.path("fixes_every_degradation").asBoolean(), w.toString());
        assertEquals("local-resolution-lost", w.path("disappear").get(0).asString());
        assertEquals("local-resolution-kept", w.path("appear").get(0).asString());
        // The block echoed back is the block that was evaluated.
        assertEquals(block, w.path("rope_scaling"));
    }

    @Test
    void aWhatIfThatDoesNotHelpSaysSo() {
        JsonNode report = json(Cli.run("triage", "--format", "json", "--what-if", "{\"rope_type\":\"linear\",\"factor\":8}",
                "fixtures/seed/founding-case.yaml"));
        assertEquals(false, report.path("builds").get(0).path("what_if").path("fixes_every_degradation").asBoolean());
    }

    /** A --what-if YaRN block whose derived factor (target / original window) is below 1 is refused with exit 3, not an internal error. */
    @Test
    void aWhatIfFactorBelowOneIsAnInvalidInput() {
        Cli run = Cli.run("triage", "--what-if", "{\"rope_type\":\"yarn\",\"original_max_position_embeddings\":65536}",
                "fixtures/seed/founding-case.yaml");
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains("[value.range]") && run.err().contains("original_max_position_embeddings"), run.err());
        assertTrue(!run.err().contains("internal error"), run.err());
    }

    @Test
    void aModelConfigFillsTheModelAndItsAssumptionsSaySo(@TempDir Path dir) throws Exception {
        Path symptoms = dir.resolve("s.yaml");
        Files.writeString(symptoms, """
                posmortem: 1
                model:
                  name: llama-3.1
                builds:
                  - id: b
                    retrofit: {kind: rope-configured}
                    observations:
                      - {capability: local-syntax, outcome: preserved}
                """);
        JsonNode report = json(Cli.run("triage", "--format", "json", "--model-config",
                "fixtures/configs/real/llama-3.1-8b.config.json", symptoms.toString()));
        StringBuilder pointers = new StringBuilder();
        report.path("assumptions").forEach(a -> pointers.append(a.path("pointer").asString()).append(' '));
        assertTrue(pointers.toString().contains("/model/trained_context"), pointers.toString());
        assertTrue(pointers.toString().contains("/model/rope_base"), pointers.toString());
        JsonNode b = report.path("builds").get(0);
        assertEquals(8192, b.path("retrofit").path("trained_context").asInt(), "original_max_position_embeddings");
        assertEquals(8.0, b.path("retrofit").path("factor").asDouble(), "the llama3 block's factor");
    }

    @Test
    void loaderGenerationsAreSpelledOutForADisagreeingYarnFactor() {
        JsonNode b = json(Cli.run("triage", "--format", "json", "fixtures/configs/seeded/qwen2.5-yarn-model-card-window.yaml"))
                .path("builds").get(0);
        JsonNode readings = b.path("loader_readings");
        // Generations as read from transformers' modeling_rope_utils at each release: the DeepSeek-V3 port
        // (4.51, PR #35926) replaced factor by max / original; 4.56 (PR #40320) restored the given factor.
        assertEquals(4, readings.size());
        assertEquals("transformers 4.45-4.50", readings.get(0).path("generation").asString());
        // transformers 4.51-4.55: factor = max_position_embeddings / original = 32768 / 32768 = 1, attention factor 1.
        assertEquals("transformers 4.51-4.55", readings.get(1).path("generation").asString());
        assertEquals(1.0, readings.get(1).path("factor").asDouble());
        assertEquals(1.0, readings.get(1).path("attention_factor").asDouble());
        // transformers 4.56-4.57 and 5: the given factor 4; attention 0.1 ln 4 + 1 = 1.1386 (rounded for the report).
        assertEquals(4.0, readings.get(2).path("factor").asDouble());
        assertEquals(4.0, readings.get(3).path("factor").asDouble());
        assertEquals(1.139, readings.get(3).path("attention_factor").asDouble(), 1e-3);
        assertEquals("lint.config.yarn-factor-ratio", b.path("config_lint").get(0).path("rule").asString());
    }

    @Test
    void anUnreadableConfigIsLocated(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.config.json");
        Files.writeString(config, "{\"hidden_size\": 4096, \"num_attention_heads\": 32,\n \"rope_theta\": \"lots\"}");
        Path symptoms = dir.resolve("s.yaml");
        Files.writeString(symptoms, """
                posmortem: 1
                model: {config: bad.config.json}
                builds:
                  - id: b
                    retrofit: {kind: rope-none, target_context: 4096}
                    observations:
                      - {capability: local-syntax, outcome: preserved}
                """);
        Cli cli = Cli.run("triage", symptoms.toString());
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
        assertTrue(cli.err().contains("input.model-config"), cli.err());
        assertTrue(cli.err().contains("bad.config.json:2:2: /rope_theta"), cli.err());
    }
}
