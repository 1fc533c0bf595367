package io.posmortem.evidence.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.positional.RopeMapping;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every RoPE method against reference values: {@code src/test/resources/oracle/rope-torch.json},
 * produced by {@code rope_oracle.py} next to it, which evaluates the tensor operations of
 * transformers' {@code modeling_rope_utils.py} (v5: default, linear, dynamic, yarn with mscale
 * and truncate, llama3, longrope; plus the former static "ntk" base change) with torch 1.13 on
 * CPU (Debian python3-torch 1.13.1), once in float32 as transformers does and once in float64.
 *
 * <p>float64: within 1e-12 relative (torch's float64 power and Java's {@code Math.pow} are each
 * within an ulp). float32: bit-identical to torch except where torch's float32 power (not
 * correctly rounded) rounds the other way: 3 of the 816 elements here, one unit in the last
 * place each; at most one such element per case is allowed.
 */
class TorchOracleTest {

    static JsonNode oracle;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = TorchOracleTest.class.getResourceAsStream("/oracle/rope-torch.json")) {
            oracle = JsonMapper.builder().build().readTree(in);
        }
    }

    static final List<Double> SHORT = new ArrayList<>();
    static final List<Double> LONG = new ArrayList<>();
    static {
        for (int j = 0; j < 48; j++) {
            SHORT.add(1.0 + 0.01 * j);
            LONG.add(1.0 + 0.75 * j);
        }
    }

    /** Oracle entry, rotary dims, mapping, sequence length: the same cases as rope_oracle.py. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("default-128-1e4", 128, new RopeMapping.Default(10_000), 4096),
                Arguments.of("default-32-1e4-partial", (int) (80 * 0.4), new RopeMapping.Default(10_000), 2048),
                Arguments.of("default-128-5e5", 128, new RopeMapping.Default(500_000), 8192),
                Arguments.of("linear-128-1e4-x8", 128, new RopeMapping.Linear(10_000, 8), 32_768),
                Arguments.of("dynamic-128-1e4-x4-4096-at-2048", 128, new RopeMapping.DynamicNtk(10_000, 4, 4096), 2048),
                Arguments.of("dynamic-128-1e4-x4-4096-at-16384", 128, new RopeMapping.DynamicNtk(10_000, 4, 4096), 16_384),
                Arguments.of("ntk-128-1e4-x8", 128, new RopeMapping.NtkAware(10_000, 8), 32_768),
                Arguments.of("yarn-128-1e4-x8-4096", 128, new RopeMapping.Yarn(10_000, 8, 4096, 32, 1, null), 32_768),
                Arguments.of("yarn-128-1e6-x4-32768", 128, new RopeMapping.Yarn(1_000_000, 4, 32_768, 32, 1, null), 131_072),
                Arguments.of("yarn-64-1e4-x40-4096-mscale", 64,
                        new RopeMapping.Yarn(10_000, 40, 4096, 32, 1, null, 0.707, 1.0, true), 163_840),
                Arguments.of("yarn-64-1e4-x40-4096-notrunc", 64,
                        new RopeMapping.Yarn(10_000, 40, 4096, 32, 1, null, 1.0, 1.0, false), 163_840),
                Arguments.of("llama3-128-5e5-x8-1-4-8192", 128, new RopeMapping.Llama3(500_000, 8, 1, 4, 8192), 131_072),
                Arguments.of("llama3-128-5e5-x32-1-4-8192", 128, new RopeMapping.Llama3(500_000, 32, 1, 4, 8192), 262_144),
                Arguments.of("longrope-96-1e4-x32-4096-at-4096", 96, new RopeMapping.LongRope(10_000, SHORT, LONG, 32, 4096, null), 4096),
                Arguments.of("longrope-96-1e4-x32-4096-at-4097", 96, new RopeMapping.LongRope(10_000, SHORT, LONG, 32, 4096, null), 4097));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64MatchesTheReference(String name, int dims, RopeMapping mapping, int seqLen) {
        JsonNode entry = oracle.get(name);
        double[] actual = InverseFrequencies.of(dims, mapping, seqLen);
        JsonNode expected = entry.get("float64");
        assertEquals(expected.size(), actual.length, "pairs");
        for (int j = 0; j < actual.length; j++) {
            double e = Double.parseDouble(expected.get(j).asString());
            assertEquals(e, actual[j], Math.abs(e) * 1e-12, name + " pair " + j);
        }
        if (entry.has("attention_factor")) {
            double e = Double.parseDouble(entry.get("attention_factor").asString());
            assertEquals(e, InverseFrequencies.attentionFactor(mapping), Math.abs(e) * 1e-15, name + " attention factor");
        }
        if (entry.has("base")) {
            double e = Double.parseDouble(entry.get("base").asString());
            assertEquals(e, InverseFrequencies.effectiveBase(dims, mapping, seqLen), e * 1e-15, name + " base");
        }
        if (entry.has("range") && mapping instanceof RopeMapping.Yarn y) {
            double[] range = InverseFrequencies.correctionRange(dims, y.base(), y.originalContext(), y.betaFast(), y.betaSlow(), y.truncate());
            for (int i = 0; i < 2; i++) {
                double e = Double.parseDouble(entry.get("range").get(i).asString());
                assertEquals(e, range[i], Math.abs(e) * 1e-15, name + " correction range " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32MatchesTheReferenceBits(String name, int dims, RopeMapping mapping, int seqLen) {
        JsonNode expected = oracle.get(name).get("float32_bits");
        float[] actual = Float32Frequencies.of(dims, mapping, seqLen);
        assertEquals(expected.size(), actual.length, "pairs");
        int offByOne = 0;
        for (int j = 0; j < actual.length; j++) {
            int e = Integer.parseUnsignedInt(expected.get(j).asString(), 16);
            int a = Float.floatToRawIntBits(actual[j]);
            int ulps = Math.abs(e - a);
            assertTrue(ulps <= 1, name + " pair " + j + ": expected bits " + Integer.toHexString(e) + " got " + Integer.toHexString(a));
            if (ulps == 1) offByOne++;
        }
        assertTrue(offByOne <= 1, name + ": " + offByOne + " of " + actual.length + " pairs one ulp off");
    }

    @Test
    void theOracleWasProducedWithTorch() {
        assertTrue(oracle.get("torch").asString().startsWith("1.13"), "regenerate with rope_oracle.py and update this test's note");
    }

}
