package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every report format says how each recommended fix was verified; a check-and-change fix shows the
 * setting of the build's engine when the build names one the fix has a setting for, and every
 * engine's otherwise; a fix whose precondition is not reported is not recommended, with the reason.
 */
class FixVerificationReportTest {

    private static final Path KV = Path.of("fixtures/classes/kv-cache-quantization.yaml");

    private static Path withEngine(Path dir, String engine) throws Exception {
        Path file = dir.resolve("kv.yaml");
        Files.writeString(file, Files.readString(KV).replace("    runtime:\n", "    runtime:\n      engine: \"" + engine + "\"\n"));
        return file;
    }

    private static JsonNode firstFix(Path file) {
        Cli run = Cli.run("triage", "--format", "json", file.toString());
        assertEquals(0, run.exit(), run.err());
        return JsonMapper.builder().build().readTree(run.out()).path("builds").get(0).path("recommendations").get(0);
    }

    private static List<String> engines(JsonNode fix) {
        List<String> out = new ArrayList<>();
        fix.path("settings").forEach(s -> out.add(s.path("engine").asString()));
        return out;
    }

    @Test
    void aKnownEngineGetsOnlyItsSetting(@TempDir Path dir) throws Exception {
        JsonNode fix = firstFix(withEngine(dir, "vLLM 0.6.3"));
        assertEquals("kv-cache-full-precision", fix.path("id").asString());
        assertEquals("instruction", fix.path("verification").asString());
        assertTrue(fix.path("verified_by").asString().startsWith("check-and-change: not verifiable from the numbers"));
        assertEquals("vllm", fix.path("engine").asString());
        assertEquals(List.of("vllm"), engines(fix));
        assertTrue(fix.path("settings").get(0).path("change").asString().contains("--kv-cache-dtype auto"));
        assertTrue(fix.path("settings").get(0).path("url").asString().startsWith("https://docs.vllm.ai/"));
    }

    @Test
    void anUnknownOrSettinglessEngineGetsEveryEnginesSetting(@TempDir Path dir) throws Exception {
        List<String> all = List.of("vllm", "llama.cpp", "ollama", "exllamav2");
        JsonNode none = firstFix(KV);
        assertTrue(none.path("engine").isMissingNode(), "no engine named");
        assertEquals(all, engines(none));
        JsonNode unsloth = firstFix(withEngine(dir, "unsloth (FastLanguageModel)"));
        assertEquals("unsloth", unsloth.path("engine").asString());
        assertEquals(all, engines(unsloth));
        Cli text = Cli.run("triage", withEngine(dir, "unsloth").toString());
        assertTrue(text.out().contains("no setting recorded for engine unsloth"), text.out());
    }

    @Test
    void aNumericFixSaysWhatItsNumbersRestoreAndKeep() {
        Cli run = Cli.run("triage", "--format", "json", "fixtures/classes/rope-extrapolation.yaml");
        JsonNode fix = JsonMapper.builder().build().readTree(run.out()).path("builds").get(0).path("recommendations").get(0);
        assertEquals("numeric", fix.path("verification").asString());
        assertTrue(fix.path("verified_by").asString().startsWith("verified: its numbers restore "), fix.toString());
        assertTrue(fix.path("settings").isEmpty());
    }

    @Test
    void everyFormatNamesTheVerification() {
        String fixture = "fixtures/classes/prompt-truncated.yaml";
        for (String format : List.of("text", "markdown", "html")) {
            Cli run = Cli.run("triage", "--format", format, fixture);
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("check-and-change: not verifiable from the numbers"), format);
            assertTrue(run.out().contains("raise-context-window"), format);
        }
        Cli numeric = Cli.run("triage", "fixtures/classes/rope-extrapolation.yaml");
        assertTrue(numeric.out().contains("verified: its numbers restore"), numeric.out());
        assertFalse(numeric.out().contains("check-and-change"), numeric.out());
    }

    @Test
    void aFixWhosePreconditionIsNotReportedIsNotRecommendedAndTheReportSaysWhy() {
        Cli run = Cli.run("triage", "--format", "json", "fixtures/classes/longrope-allocation-window-unreported.yaml");
        JsonNode build = JsonMapper.builder().build().readTree(run.out()).path("builds").get(0);
        assertEquals("longrope-allocation", build.path("diagnosis").path("hypothesis").asString());
        assertTrue(build.path("recommendations").isEmpty());
        assertTrue(build.path("not_applicable_fixes").get(0).asString()
                .contains("longrope-short-window is not recommended for longrope-allocation: it applies only when allocated-window"));
        Cli text = Cli.run("triage", "fixtures/classes/longrope-allocation-window-unreported.yaml");
        assertTrue(text.out().contains("FIX  none"), text.out());
    }
}
