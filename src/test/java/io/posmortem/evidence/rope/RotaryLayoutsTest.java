package io.posmortem.evidence.rope;

import static io.posmortem.model.RotaryLayout.HALF_SPLIT;
import static io.posmortem.model.RotaryLayout.INTERLEAVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Pairings of transformers' rotate_half (x[i] with x[i + r/2]) and of interleaved RoPE (x[2i] with
 * x[2i + 1]), as in ggml PR #7634 (rope modes NORM and NEOX).
 */
class RotaryLayoutsTest {

    @Test
    void pairsAndFrequenciesOfEachLayout() {
        // r = 8: half-split pairs (0,4) (1,5) (2,6) (3,7) at theta_0..theta_3; interleaved (0,1) (2,3) (4,5) (6,7).
        assertEquals(4, RotaryLayouts.partner(0, 8, HALF_SPLIT));
        assertEquals(1, RotaryLayouts.partner(5, 8, HALF_SPLIT));
        assertEquals(1, RotaryLayouts.partner(0, 8, INTERLEAVED));
        assertEquals(6, RotaryLayouts.partner(7, 8, INTERLEAVED));
        assertEquals(1, RotaryLayouts.frequencyIndex(5, 8, HALF_SPLIT));
        assertEquals(2, RotaryLayouts.frequencyIndex(5, 8, INTERLEAVED));
    }

    @Test
    void theOtherLayoutMisroutesEveryRotatedDimension() {
        // For r >= 4, i + r/2 (or i - r/2) is never i xor 1: every dimension gets another partner.
        assertEquals(8, RotaryLayouts.misroutedDims(8, HALF_SPLIT, INTERLEAVED));
        assertEquals(128, RotaryLayouts.misroutedDims(128, INTERLEAVED, HALF_SPLIT));
        assertEquals(32, RotaryLayouts.misroutedDims(32, HALF_SPLIT, INTERLEAVED));   // Phi-2: 0.4 x 80
        assertEquals(0, RotaryLayouts.misroutedDims(128, HALF_SPLIT, HALF_SPLIT));
        // Only dimension 0 (theta_0 in both) and dimension r - 1 (theta_(r/2 - 1) in both) keep their frequency.
        assertEquals(126, RotaryLayouts.wrongFrequencyDims(128, HALF_SPLIT, INTERLEAVED));
        assertEquals(6, RotaryLayouts.wrongFrequencyDims(8, INTERLEAVED, HALF_SPLIT));
        assertEquals(0, RotaryLayouts.wrongFrequencyDims(8, INTERLEAVED, INTERLEAVED));
    }

    @Test
    void divergenceStartsAtTheFirstPositionWhoseFastestAngleExceedsTheTolerance() {
        // theta_0 = 1 radian per token: 1 x 1 > 0.5 at position 1.
        assertEquals(1, RotaryLayouts.divergesFrom(1.0, 0.5));
        // 0.1 radian per token passes 0.5 radian at position 6 (0.6 > 0.5; 5 x 0.1 = 0.5 is not above it).
        assertEquals(6, RotaryLayouts.divergesFrom(0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> RotaryLayouts.divergesFrom(0, 0.5));
    }

    @Test
    void refusesDimensionsOutsideTheRotatedOnes() {
        assertThrows(IllegalArgumentException.class, () -> RotaryLayouts.partner(8, 8, HALF_SPLIT));
        assertThrows(IllegalArgumentException.class, () -> RotaryLayouts.partner(-1, 8, INTERLEAVED));
        assertThrows(IllegalArgumentException.class, () -> RotaryLayouts.misroutedDims(3, HALF_SPLIT, INTERLEAVED));
    }
}
