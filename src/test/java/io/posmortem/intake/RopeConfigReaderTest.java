package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.input.RopeSetup;
import io.posmortem.model.positional.RopeMapping;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every historical shape of the RoPE fields in a Hugging Face config. */
class RopeConfigReaderTest {

    static RopeSetup read(String json) throws InvalidInputException {
        return RopeConfigReader.read(LocatedDocument.parse(SourceText.of("config.json", json.getBytes(StandardCharsets.UTF_8)),
                LocatedDocument.Syntax.JSON), RopeConfigReader.Overrides.NONE);
    }

    @Test
    void aPlainLlama2ConfigHasNoScaling() throws InvalidInputException {
        RopeSetup s = read("{\"hidden_size\":4096,\"num_attention_heads\":32,\"max_position_embeddings\":4096,\"rope_theta\":10000.0,\"rope_scaling\":null}");
        assertEquals(128, s.headDim());
        assertEquals(128, s.rotaryDims());
        assertEquals(new RopeMapping.Default(10_000), s.mapping());
        assertEquals(4096, s.trainedContext());
    }

    @Test
    void theOlderTypeKeyAndAnExplicitHeadDimAreRead() throws InvalidInputException {
        RopeSetup s = read("{\"head_dim\":64,\"hidden_size\":4096,\"num_attention_heads\":32,\"max_position_embeddings\":2048,"
                + "\"rope_scaling\":{\"type\":\"linear\",\"factor\":4.0}}");
        assertEquals(64, s.rotaryDims());
        assertEquals(new RopeMapping.Linear(10_000, 4), s.mapping());
    }

    @Test
    void v5RopeParametersCarryThetaAndPartialRotaryFactor() throws InvalidInputException {
        RopeSetup s = read("{\"hidden_size\":2560,\"num_attention_heads\":32,\"max_position_embeddings\":2048,"
                + "\"rope_parameters\":{\"rope_type\":\"default\",\"rope_theta\":25000.0,\"partial_rotary_factor\":0.4}}");
        assertEquals(80, s.headDim());
        assertEquals(32, s.rotaryDims(), "int(80 * 0.4)");
        assertEquals(25_000, s.base());
    }

    @Test
    void yarnWithoutAFactorTakesTheRatioOfTheWindows() throws InvalidInputException {
        // transformers v5 _compute_yarn_parameters: factor = max_position_embeddings / original_max_position_embeddings.
        RopeSetup s = read("{\"hidden_size\":4096,\"num_attention_heads\":32,\"max_position_embeddings\":131072,"
                + "\"rope_scaling\":{\"rope_type\":\"yarn\",\"original_max_position_embeddings\":32768}}");
        RopeMapping.Yarn y = assertInstanceOf(RopeMapping.Yarn.class, s.mapping());
        assertEquals(4.0, y.factor());
        assertEquals(32_768, y.originalContext());
        assertEquals(32, y.betaFast());
        assertEquals(1, y.betaSlow());
        assertTrue(y.truncate());
        assertEquals(32_768, s.trainedContext());
    }

    @Test
    void phi3KeepsTheOriginalWindowAtTopLevelAndSaysSu() throws InvalidInputException {
        String factors = "[" + String.join(",", java.util.Collections.nCopies(48, "1.0")) + "]";
        RopeSetup s = read("{\"hidden_size\":3072,\"num_attention_heads\":32,\"max_position_embeddings\":131072,"
                + "\"original_max_position_embeddings\":4096,\"rope_scaling\":{\"type\":\"su\",\"short_factor\":" + factors
                + ",\"long_factor\":" + factors + "}}");
        RopeMapping.LongRope l = assertInstanceOf(RopeMapping.LongRope.class, s.mapping());
        assertEquals(32.0, l.factor(), "131072 / 4096");
        assertEquals(4096, l.originalContext());
    }

    @Test
    void wrongTypesAreLocated() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(
                "{\"hidden_size\":4096,\"num_attention_heads\":32,\n\"rope_scaling\":{\"rope_type\":\"linear\",\"factor\":\"8\"}}"));
        assertEquals("/rope_scaling/factor", e.problems().get(0).pointer());
        assertEquals(2, e.problems().get(0).line());
    }

    @Test
    void aConfigWithoutAHeadDimensionSaysWhatIsMissing() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("{\"rope_theta\":10000}"));
        assertTrue(e.problems().get(0).message().contains("no head dimension"), e.problems().get(0).oneLine());
    }
}
