package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.Problem;
import io.posmortem.model.RotaryLayout;
import io.posmortem.model.Tri;
import io.posmortem.model.input.Assumption;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.SymptomFile;
import io.posmortem.model.knowledge.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Symptom files of format v2: what each new field resolves to, and version 1 read as version 2. */
class SymptomFileV2Test {

    static Vocabulary vocabulary;

    @BeforeAll
    static void load() throws Exception {
        vocabulary = KnowledgeBaseLoader.load(Path.of("knowledge-base")).vocabulary();
    }

    static SymptomFile read(String yaml) throws InvalidInputException {
        return new SymptomFileReader(vocabulary).read(SourceText.of("case.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Problem> problems(String yaml) {
        return assertThrows(InvalidInputException.class, () -> read(yaml)).problems();
    }

    static Map<String, String> assumed(SymptomFile f) {
        return f.assumptions().stream().collect(Collectors.toMap(Assumption::pointer, Assumption::value, (a, b) -> b));
    }

    static final String RUNTIME_ONLY = """
            posmortem: 2
            model: {positional_encoding: rope, trained_context: 4096, head_dim: 128}
            builds:
              - id: b
                runtime: {engine: llama.cpp, context_window: 4096}
                observations: [{capability: local-syntax, outcome: degraded}]
            """;

    @Test
    void aBuildWithoutRetrofitIsTheModelServedAsShipped() throws Exception {
        SymptomFile f = read(RUNTIME_ONLY);
        BuildSpec b = f.builds().get(0);
        assertEquals("as-shipped-rope", b.retrofit().kind());
        assertEquals(4096, b.retrofit().targetContext(), "the runtime's window");
        assertEquals(1.0, b.retrofit().factor());
        assertEquals("as-shipped-rope", assumed(f).get("/builds/0/retrofit/kind"));
    }

    @Test
    void asShippedResolvesToTheModelsOwnEncoding() throws Exception {
        SymptomFile f = read("""
                posmortem: 2
                model: {positional_encoding: t5-bias, trained_context: 512, heads: 8, relative_bias: {num_buckets: 64, max_distance: 256}}
                builds:
                  - id: b
                    retrofit: {kind: as-shipped, target_context: 2048}
                    observations: [{capability: long-range-reference, outcome: degraded}]
                """);
        BuildSpec b = f.builds().get(0);
        assertEquals("as-shipped-t5-bias", b.retrofit().kind());
        assertEquals(64, b.retrofit().buckets().numBuckets(), "the model's own relative_bias block");
        assertEquals(256, b.retrofit().buckets().maxDistance());
    }

    @Test
    void aTargetInsideTheTrainedWindowIsServingInsideIt() throws Exception {
        SymptomFile f = read(RUNTIME_ONLY.replace("context_window: 4096", "context_window: 2048"));
        assertEquals(2048, f.builds().get(0).retrofit().targetContext());
        assertEquals(1.0, f.builds().get(0).retrofit().factor(), "no scaling asked inside the window");
        assertTrue(assumed(f).get("/builds/0/retrofit/factor").equals("1"), assumed(f).toString());
    }

    @Test
    void trainingStagesGiveTheTrainedLengthAndTheFineTunedOne() throws Exception {
        SymptomFile f = read("""
                posmortem: 2
                model:
                  positional_encoding: rope
                  rope_base: 500000
                  trained_stages: [{context: 8192, note: pre-training}, {context: 131072, note: long-context stage}]
                builds:
                  - id: b
                    retrofit: {kind: rope-configured, target_context: 131072, rope_scaling: {rope_type: llama3, factor: 8.0,
                      low_freq_factor: 1.0, high_freq_factor: 4.0, original_max_position_embeddings: 8192}}
                    observations: [{capability: local-syntax, outcome: preserved}]
                """);
        assertEquals(8192, f.model().trainedContext());
        assertEquals(131072, f.model().longestTrained());
        assertEquals(Tri.YES, f.builds().get(0).retrofit().fineTuned());
        assertEquals(131072, f.builds().get(0).retrofit().fineTunedContext());
        Map<String, String> a = assumed(f);
        assertEquals("8192", a.get("/model/trained_context"));
        assertEquals("true", a.get("/builds/0/retrofit/fine_tuned"));
    }

    @Test
    void stagesMustGrowAndStartAtTheTrainedLength() {
        List<Problem> p = problems("""
                posmortem: 2
                model: {positional_encoding: rope, trained_context: 4096, trained_stages: [{context: 8192}, {context: 4096}]}
                builds:
                  - id: b
                    observations: [{capability: local-syntax, outcome: degraded}]
                """);
        assertEquals(List.of("value.inconsistent /model/trained_stages/0/context", "value.order /model/trained_stages/1/context"),
                p.stream().map(x -> x.code() + " " + x.pointer()).sorted().toList());
    }

    @Test
    void llamaCppFreqScaleAndNtkAlphaAreReadAsTheFactorAndBaseTheyMean() throws Exception {
        // --rope-freq-scale 0.25 is factor 4; NTK alpha 2 on d = 128 raises 10,000 to 10,000 x 2^(128/126) = 20,221.3...
        SymptomFile f = read(RUNTIME_ONLY.replace("context_window: 4096", "context_window: 16384, rope_freq_scale: 0.25, ntk_alpha: 2"));
        assertEquals(4.0, f.builds().get(0).runtime().reportedFactor());
        assertEquals(10_000 * Math.pow(2, 128.0 / 126), f.builds().get(0).runtime().reportedBase(), 1e-9);
    }

    @Test
    void theServedRopeScalingBlockIsReadAsAMapping() throws Exception {
        SymptomFile f = read(RUNTIME_ONLY.replace("context_window: 4096", "context_window: 16384, rope_scaling: {type: linear, factor: 4}"));
        assertEquals("linear", f.builds().get(0).runtime().servedMapping().method());
        assertEquals(4.0, f.builds().get(0).runtime().servedMapping().scalingFactor());
    }

    @Test
    void positionHandlingLayersAndLayoutAreBound() throws Exception {
        SymptomFile f = read("""
                posmortem: 2
                model:
                  positional_encoding: rope
                  trained_context: 32768
                  rotary_layout: half-split
                  layers: {global_every: 6, local_rope_base: 10000, local_window: 1024, local_scaled: false}
                builds:
                  - id: b
                    runtime:
                      rotary_layout: interleaved
                      context_shift: true
                      n_keep: 0
                      left_padding: true
                      position_ids_from_mask: false
                      position_remap: {method: self-extend, group_size: 4, neighbor_window: 1024}
                    observations: [{capability: local-syntax, outcome: degraded, batch_dependent: true, prompt_tokens: 900, generated_tokens: 300}]
                """);
        assertEquals(RotaryLayout.HALF_SPLIT, f.model().rotaryLayout());
        assertEquals(6, f.model().layers().globalEvery());
        assertEquals(Tri.NO, f.model().layers().localScaled());
        BuildSpec b = f.builds().get(0);
        assertEquals(RotaryLayout.INTERLEAVED, b.runtime().rotaryLayout());
        assertEquals(Tri.YES, b.runtime().positions().contextShift());
        assertEquals(0, b.runtime().positions().keep());
        assertEquals(Tri.NO, b.runtime().positions().positionIdsFromMask());
        assertEquals("self-extend", b.runtime().positions().remap().method());
        assertEquals(Tri.YES, b.observations().get(0).batchDependent());
        assertEquals(900, b.observations().get(0).promptTokens());
        assertEquals(300, b.observations().get(0).generatedTokens());
    }

    @Test
    void aVersionOneFileIsReadAsVersionTwoWithANote() throws Exception {
        SymptomFile f = read(RUNTIME_ONLY.replace("posmortem: 2", "posmortem: 1").replace("runtime:", "retrofit: {kind: rope-none}\n    runtime:"));
        assertEquals("2", assumed(f).get("/posmortem"));
        assertNull(read(RUNTIME_ONLY).assumptions().stream().filter(a -> a.pointer().equals("/posmortem")).findFirst().orElse(null));
    }

    @Test
    void aVersionTwoFieldInAVersionOneFileSaysToDeclareVersionTwo() {
        List<Problem> p = problems(RUNTIME_ONLY.replace("posmortem: 2", "posmortem: 1")
                .replace("runtime: {", "retrofit: {kind: rope-none}\n    runtime: {context_shift: true, typo_field: 1, "));
        Problem shift = p.stream().filter(x -> x.pointer().endsWith("/context_shift")).findFirst().orElseThrow();
        assertEquals("it is a version-2 field: set posmortem: 2", shift.hint());
        Problem typo = p.stream().filter(x -> x.pointer().endsWith("/typo_field")).findFirst().orElseThrow();
        assertTrue(!typo.hint().contains("version-2"), typo.toString());
    }

    @Test
    void anUnknownVersionIsRefused() {
        List<Problem> p = problems(RUNTIME_ONLY.replace("posmortem: 2", "posmortem: 3"));
        assertEquals("/posmortem", p.get(0).pointer());
    }

    @Test
    void aNamedModelWithoutTrainedLengthTakesItsFamilysOriginalWindow() throws Exception {
        // Llama 2's published config.json: max_position_embeddings 4096 (knowledge-base/defaults.yaml, families).
        SymptomFile f = read(RUNTIME_ONLY.replace("trained_context: 4096, ", "").replace("model: {", "model: {name: Llama-2-13b-chat, "));
        assertEquals(4096, f.model().trainedContext());
        assertTrue(assumed(f).containsKey("/model/trained_context"));
        List<Problem> p = problems(RUNTIME_ONLY.replace("trained_context: 4096, ", "").replace("model: {", "model: {name: in-house-7b, "));
        assertEquals("schema.required", p.get(0).code(), "an unknown family is not guessed");
    }

    @Test
    void aConfigsUseLognAttnSaysWhetherTheModelAsksForLogNScaling() throws Exception {
        // fixtures/classes/logn-attention-dropped.config.json is Qwen-7B's shape with "use_logn_attn": true.
        SymptomFile withConfig = new SymptomFileReader(vocabulary).read(Path.of("fixtures/classes/logn-attention-dropped.yaml"));
        assertEquals(io.posmortem.model.Tri.YES, withConfig.model().lognAttention());
        SymptomFile without = read("""
                posmortem: 2
                model: {positional_encoding: rope, trained_context: 2048}
                builds:
                  - id: b
                    observations: [{capability: output-quality, outcome: degraded}]
                """);
        assertEquals(io.posmortem.model.Tri.UNKNOWN, without.model().lognAttention());
    }
}
