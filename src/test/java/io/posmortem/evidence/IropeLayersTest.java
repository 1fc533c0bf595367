package io.posmortem.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.intake.SymptomFileReader;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.evidence.IropeLayerProfile;
import io.posmortem.model.evidence.RotaryWidthProfile;
import io.posmortem.model.input.SymptomFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The numbers of an interleaved RoPE / NoPE model (Llama 4: no_rope_layer_interval 4,
 * attention_chunk_size 8,192, rope_theta 500,000, head_dim 128; transformers modeling_llama4.py) and
 * of a partial-rotary width, read from the class fixtures; expected values derived by hand.
 */
class IropeLayersTest {

    static SymptomFile read(String fixture) throws Exception {
        KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        return new SymptomFileReader(kb.vocabulary()).read(Path.of(fixture));
    }

    @Test
    void llama4ChunkedRopeLayersAndNopeLayers() throws Exception {
        SymptomFile file = read("fixtures/classes/per-layer-rope-unchunked.yaml");
        KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        List<IropeLayerProfile> profiles = LayerRotationEvidence.iropeLayers(file.model(), file.builds().get(0), 131072, kb.evidenceSettings());
        assertEquals(1, profiles.size());
        IropeLayerProfile p = profiles.get(0);
        assertEquals(0.25, p.nopeLayerShare(), 0.0);
        assertEquals(0.75, p.ropeLayerShare(), 0.0);
        assertEquals(8192, p.chunkSize());
        assertEquals(64, p.rotaryPairs());
        // Pair j turns less than once over a chunk when 8192 x 500000^(-2j/128) < 2 pi, i.e.
        // j > 64 ln(8192 / 2 pi) / ln(500000) = 64 x 7.17304 / 13.12236 = 34.98: j = 35..63, 29 pairs.
        assertEquals(29, p.chunkBoundPairs());
        // The first length with a distance of a full chunk: 8,193.
        assertEquals(8193, p.unchunkedFrom());
        // theta_0 = 1 radian per token: RoPE on a NoPE layer is off by more than 0.5 rad from position 1.
        assertEquals(1.0, p.fastestAngle(), 0.0);
        assertEquals(1, p.nopeDivergesFrom());
        // A target inside one chunk never meets a distance past it.
        assertEquals(-1, LayerRotationEvidence.iropeLayers(file.model(), file.builds().get(0), 8192, kb.evidenceSettings()).get(0).unchunkedFrom());
    }

    @Test
    void phi2FullHeadWidth() throws Exception {
        SymptomFile file = read("fixtures/classes/rotary-width-mismatch.yaml");
        KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        List<RotaryWidthProfile> profiles = LayerRotationEvidence.rotaryWidth(file.model(), file.builds().get(0), kb.evidenceSettings());
        RotaryWidthProfile p = profiles.get(0);
        // int(80 x 0.4) = 32 trained (transformers' rotary_ndims), 80 served, half-split by default.
        assertEquals(32, p.modelDims());
        assertEquals(80, p.runtimeDims());
        assertEquals("half-split", p.layout());
        assertEquals(80, p.wrongDims());
        assertEquals(1, p.divergesFrom());
    }
}
