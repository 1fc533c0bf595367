package io.posmortem.evidence.rope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.positional.RopeMapping;
import org.junit.jupiter.api.Test;

/**
 * Gemma 3's local layers (head_dim 256, rope_local_base_freq 10,000, sliding_window 1,024; global
 * layers rope_theta 1,000,000 with linear x8) rotated with the global layers' RoPE.
 */
class LocalLayerRotationTest {

    static final EvidenceSettings SETTINGS = new EvidenceSettings(32, 1, 20, 0.5);

    @Test
    void fiveOfSixLayersAreLocal() {
        assertEquals(5.0 / 6, LocalLayerRotation.localShare(6), 1e-12);
        assertEquals(0.0, LocalLayerRotation.localShare(1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LocalLayerRotation.localShare(0));
    }

    @Test
    void linearScalingOnTheLocalLayersCompressesEveryPairEightfold() {
        double[] local = InverseFrequencies.unscaled(256, 10_000);
        double[] served = LocalLayerRotation.withGlobalScaling(local, InverseFrequencies.unscaled(256, 1e6),
                InverseFrequencies.of(256, new RopeMapping.Linear(1e6, 8), 131_072));
        for (int j = 0; j < local.length; j++) assertEquals(local[j] / 8, served[j], local[j] * 1e-12);
        LocalLayerRotation.Counts c = LocalLayerRotation.compare(local, served, 1024, SETTINGS);
        // Local pairs: 1,024 / (2 pi 10,000^(2j/256)) > 32 <=> j < 128 ln(1024 / 64 pi) / ln 10,000 = 22.6: pairs 0-22.
        // Window pairs (at least one turn in 1,024 tokens): 10,000^(j/128) <= 1024 / 2 pi <=> j <= 70.8: pairs 0-70.
        assertEquals(23, c.localPairs());
        assertEquals(23, c.compressedLocalPairs());
        assertEquals(71, c.windowPairs());
        assertEquals(71, c.compressedWindowPairs());
        assertEquals(8.0, c.strongestCompression(), 1e-9);
        assertEquals(0.125, c.fastestNeighbourRatio(), 1e-12);
    }

    @Test
    void theGlobalBaseOnTheLocalLayersCompressesTheSlowerWindowPairs() {
        double[] local = InverseFrequencies.unscaled(256, 10_000);
        LocalLayerRotation.Counts c = LocalLayerRotation.compare(local, InverseFrequencies.unscaled(256, 1e6), 1024, SETTINGS);
        // Neighbour ratio of pair j: (10^4 / 10^6)^(2j/256) = 100^(-j/128) <= 0.5 <=> j >= 128 ln 2 / ln 100 = 19.3:
        // pairs 20-22 of the 23 local ones, 20-70 of the 71 window pairs; the strongest 100^(70/128) = 12.41x;
        // pair 0 turns at 1 radian per token under any base.
        assertEquals(23, c.localPairs());
        assertEquals(3, c.compressedLocalPairs());
        assertEquals(71, c.windowPairs());
        assertEquals(51, c.compressedWindowPairs());
        assertEquals(Math.pow(100, 70.0 / 128), c.strongestCompression(), 1e-9);
        assertEquals(1.0, c.fastestNeighbourRatio(), 1e-12);
    }

    @Test
    void unscaledMappingsLeaveTheLocalLayersAlone() {
        double[] local = InverseFrequencies.unscaled(128, 10_000);
        double[] global = InverseFrequencies.unscaled(128, 500_000);
        assertArrayEquals(local, LocalLayerRotation.withGlobalScaling(local, global, global), 1e-15);
        LocalLayerRotation.Counts c = LocalLayerRotation.compare(local, local, 4096, SETTINGS);
        assertEquals(0, c.compressedLocalPairs());
        assertEquals(0, c.compressedWindowPairs());
        assertEquals(1.0, c.strongestCompression(), 1e-12);
    }

    @Test
    void refusesMismatchedArraysAndTinyWindows() {
        double[] a = InverseFrequencies.unscaled(8, 10_000);
        double[] b = InverseFrequencies.unscaled(16, 10_000);
        assertThrows(IllegalArgumentException.class, () -> LocalLayerRotation.withGlobalScaling(a, b, b));
        assertThrows(IllegalArgumentException.class, () -> LocalLayerRotation.compare(a, a, 1, SETTINGS));
    }
}
