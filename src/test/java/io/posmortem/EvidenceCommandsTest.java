package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rope, alibi and t5-buckets commands: their documented JSON fields, and their errors. */
class EvidenceCommandsTest {

    static JsonNode json(Cli cli) {
        assertEquals(ExitCodes.OK, cli.exit(), cli.err());
        return JsonMapper.builder().build().readTree(cli.out());
    }

    @Test
    void ropePrintsTheYarnFixOfTheFoundingCase() {
        JsonNode t = json(Cli.run("rope", "--head-dim", "128", "--base", "10000", "--max-position-embeddings", "4096",
                "--scaling", "{\"rope_type\":\"yarn\",\"factor\":8}"));
        assertEquals("yarn", t.get("method").asString());
        assertEquals(64, t.get("inv_freq").size());
        assertEquals(64, t.get("inv_freq_float32").size());
        assertEquals(64, t.get("pairs").size());
        assertEquals(4096, t.get("trained_context").asInt());
        assertEquals(32_768, t.get("seq_len").asInt(), "factor x trained window");
        // Peng et al. 2023: 0.1 ln 8 + 1; correction range [20, 46] (see InverseFrequenciesTest).
        assertEquals(1.2079441541679836, t.get("attention_factor").asDouble(), 1e-15);
        assertEquals(20, t.get("correction_range").get(0).asInt());
        assertEquals(46, t.get("correction_range").get(1).asInt());
        JsonNode p0 = t.get("pairs").get(0);
        assertEquals("local", p0.get("band").asString());
        assertEquals(1.0, p0.get("scale").asDouble());
        JsonNode p63 = t.get("pairs").get(63);
        assertEquals("long-range", p63.get("band").asString());
        assertEquals(8.0, p63.get("scale").asDouble(), 1e-12);
        // (T - 1) / ((L - 1) s) = 32767 / 32760: in range up to the off-by-one (rope.unseen-angle-tolerance).
        assertEquals(32_767.0 / 32_760, p63.get("unseen_angle_ratio").asDouble(), 1e-12);
        assertEquals(6, t.get("angle_precision").size(), "positions 1023 .. 32767");
    }

    @Test
    void ropeReadsAConfigJson(@TempDir Path dir) throws IOException {
        // Llama-3.1-8B config.json (meta-llama/Llama-3.1-8B on the Hugging Face hub), RoPE fields only.
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"hidden_size": 4096, "num_attention_heads": 32, "max_position_embeddings": 131072,
                 "rope_theta": 500000.0,
                 "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                  "original_max_position_embeddings": 8192, "rope_type": "llama3"}}
                """);
        JsonNode t = json(Cli.run("rope", "--config", config.toString()));
        assertEquals("llama3", t.get("method").asString());
        assertEquals(8192, t.get("trained_context").asInt());
        assertEquals(131_072, t.get("seq_len").asInt());
        // Pair 0 (wavelength 2 pi, below 8192/4) unscaled; pair 63 (wavelength above 8192/1) divided by 8.
        assertEquals(1.0, t.get("pairs").get(0).get("scale").asDouble());
        assertEquals(8.0, t.get("pairs").get(63).get("scale").asDouble(), 1e-12);
    }

    @Test
    void dynamicNtkDependsOnTheSequenceLength() {
        JsonNode at2k = json(Cli.run("rope", "--head-dim", "128", "--max-position-embeddings", "4096", "--seq-len", "2048",
                "--scaling", "{\"rope_type\":\"dynamic\",\"factor\":4}"));
        JsonNode at16k = json(Cli.run("rope", "--head-dim", "128", "--max-position-embeddings", "4096", "--seq-len", "16384",
                "--scaling", "{\"rope_type\":\"dynamic\",\"factor\":4}"));
        assertEquals(10_000.0, at2k.get("effective_base").asDouble());
        // 10000 * (4 * 16384 / 4096 - 3)^(128/126) = 135401.97304176545 (torch oracle, rope-torch.json).
        assertEquals(135_401.97304176545, at16k.get("effective_base").asDouble(), 1e-9);
    }

    @Test
    void aBaseMismatchSaysWhereEachSlowPairLeavesItsTrainedRange() {
        // Trained with base 500,000 on 8,192 tokens, served with base 10,000: pair j turns faster by
        // s_j = (500000/10000)^(2j/128), so a pair that never completed a turn in training first exceeds
        // its trained largest angle at floor((L - 1) / s_j) + 2 tokens (RotaryPairs). Pair 63: s = 50^(126/128).
        JsonNode t = json(Cli.run("rope", "--head-dim", "128", "--base", "500000", "--max-position-embeddings", "8192",
                "--inference-base", "10000"));
        assertEquals("new-base", t.get("method").asString());
        JsonNode p63 = t.get("pairs").get(63);
        double s = Math.pow(50, 126.0 / 128);
        assertEquals(1 / s, p63.get("scale").asDouble(), 1e-12);
        assertEquals((long) Math.floor(8191 / s) + 2, p63.get("leaves_trained_range_at").asLong());
        assertTrue(p63.get("leaves_trained_range_at").asLong() < 8192, "onset well inside the trained window");
    }

    @Test
    void alibiPrintsSlopesInHeadOrderAndTheEarlySpanFading() {
        JsonNode t = json(Cli.run("alibi", "--heads", "8", "--span", "1024", "--context", "8192"));
        // Press et al. 2022: 8 heads -> 1/2, 1/4, ..., 1/256.
        for (int h = 0; h < 8; h++) assertEquals(Math.pow(2, -(h + 1)), t.get("slopes").get(h).asDouble(), 1e-15);
        assertEquals(20.0, t.get("nats").asDouble(), "default from knowledge-base thresholds");
        assertEquals(5120, t.get("per_head").get(7).get("reach").asLong(), "20 nats / 2^-8");
        JsonNode shares = t.get("early_span_share");
        assertEquals(3, shares.size(), "contexts 2048, 4096, 8192");
        assertEquals(8192, shares.get(2).get("context").asLong());
        // Gentlest head at 8192: 1 / (1 + exp(7168 / 256)) = 1 / (1 + e^28).
        assertEquals(1 / (1 + Math.exp(28)), shares.get(2).get("gentlest_head").asDouble(), 1e-25);
    }

    @Test
    void t5BucketsPrintsEveryRelativePositionWithItsBucketAndWidth() {
        JsonNode t = json(Cli.run("t5-buckets", "--num-buckets", "32", "--max-distance", "128", "--from", "-120", "--to", "0"));
        assertEquals(121, t.get("buckets").size());
        assertEquals(113, t.get("saturation_distance").asInt());
        JsonNode first = t.get("buckets").get(0);
        assertEquals(-120, first.get("relative_position").asLong());
        assertEquals(31, first.get("bucket").asInt());
        assertFalse(first.has("width"), "the last bucket is unbounded");
        JsonNode d105 = t.get("buckets").get(15);
        assertEquals(-105, d105.get("relative_position").asLong());
        assertEquals(14, d105.get("width").asLong(), "99..112 share bucket 30");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "odd head dim|2|rotary dims|rope --head-dim 127",
            "factor below one|3|/factor: factor 0.5 would shorten the context|rope --head-dim 128 --scaling {\"rope_type\":\"linear\",\"factor\":0.5}",
            "NaN base|2|base must be a finite number|rope --head-dim 128 --base NaN",
            "negative length|2|sequence length must be >= 1|rope --head-dim 128 --seq-len -5",
            "tiny window|2|--max-position-embeddings must be >= 2|rope --head-dim 128 --max-position-embeddings -1",
            "misspelled key|3|did you mean 'factor'|rope --head-dim 128 --scaling {\"rope_type\":\"yarn\",\"factr\":8}",
            "unknown type|3|unknown rope type 'yarm'|rope --head-dim 128 --scaling {\"rope_type\":\"yarm\",\"factor\":8}",
            "broken JSON|3|--scaling:1:|rope --head-dim 128 --scaling {\"rope_type\":",
            "llama3 without its factors|3|/low_freq_factor|rope --head-dim 128 --scaling {\"rope_type\":\"llama3\",\"factor\":8}",
            "longrope list length|2|short_factor must have 64 entries|rope --head-dim 128 --scaling {\"rope_type\":\"longrope\",\"short_factor\":[1],\"long_factor\":[1],\"factor\":2}",
            "zero heads|2|heads must be >= 1|alibi --heads 0",
            "reversed range|2|to must be >= from|t5-buckets --from 5 --to 1",
            "buckets too few|2|max_distance must exceed|t5-buckets --num-buckets 32 --max-distance 8 --from 0 --to 1",
            "missing config|3|no-such-config.json|rope --config no-such-config.json"})
    void badParametersGiveAClearErrorAndExitCode(String name, int exit, String message, String commandLine) {
        Cli cli = Cli.run(commandLine.split(" "));
        assertEquals(exit, cli.exit(), cli.err());
        assertTrue(cli.err().contains(message), cli.err());
        assertFalse(cli.err().contains("Exception"), "no stack trace: " + cli.err());
        assertTrue(cli.out().isEmpty(), "nothing on stdout");
    }

    @Test
    void theSameArgumentsGiveTheSameBytes() {
        String[] args = {"rope", "--head-dim", "96", "--max-position-embeddings", "4096",
                "--scaling", "{\"rope_type\":\"longrope\",\"factor\":32,\"short_factor\":" + ones(48) + ",\"long_factor\":" + ones(48) + "}"};
        assertEquals(Cli.run(args).out(), Cli.run(args).out());
    }

    static String ones(int n) {
        return "[" + String.join(",", java.util.Collections.nCopies(n, "1.5")) + "]";
    }
}
