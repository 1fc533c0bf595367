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

/**
 * The founding case re-told at other geometries: trained windows of 2k, 4k and 8k, extended 4x,
 * 8x and 16x, with the observed bands scaled along. Build A must stay uniform interpolation (the
 * fast pairs compressed at least 4x: the PI paper's perplexity roughly doubles at 4x before
 * fine-tuning) and Build B ALiBi (its gentlest head's penalty passes 20 nats before 5k tokens
 * back at 32 heads, whatever the window).
 */
class FoundingCaseVariantsTest {

    @ParameterizedTest(name = "trained {0}, factor {1}")
    @CsvSource({"2048,4", "2048,8", "2048,16", "4096,4", "4096,8", "4096,16", "8192,4", "8192,8", "8192,16"})
    void theAnswerHoldsAcrossGeometries(int trained, int factor, @TempDir Path dir) throws IOException {
        int target = trained * factor;
        String seed = Files.readString(Path.of("fixtures/seed/founding-case.yaml"));
        String retold = seed.substring(0, seed.indexOf("expect:"))
                .replace("trained_context: 4096", "trained_context: " + trained)
                .replace("32768", String.valueOf(target))
                .replace("from: 20000", "from: " + (target * 5 / 8));
        Path file = dir.resolve("variant.yaml");
        Files.writeString(file, retold);
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
