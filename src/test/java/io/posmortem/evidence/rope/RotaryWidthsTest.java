package io.posmortem.evidence.rope;

import static io.posmortem.model.RotaryLayout.HALF_SPLIT;
import static io.posmortem.model.RotaryLayout.INTERLEAVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A rotation over another width than trained, against transformers' partial rotary (the first
 * int(head_dim x partial_rotary_factor) dimensions turned at base^(-2j/width), the rest passed
 * through) and llama.cpp's n_rot. Expected values are derived by hand below.
 */
class RotaryWidthsTest {

    @Test
    void phi2RotatedOverTheFullHeadMisroutesEveryDimension() {
        // Phi-2: head 80, 0.4 x 80 = 32 rotated, half-split. Served over 80: dimensions 32..79 (48)
        // rotate though trained fixed; dimensions 0..31 pair with i + 40 instead of i + 16. All 80
        // are wrong; dimension 0 turns at theta_0 = 1 radian per token in both widths, in another
        // plane: error 1 radian per token, above the 0.5 tolerance from position 1.
        RotaryWidths.Comparison c = RotaryWidths.compare(80, 32, 80, 10_000, HALF_SPLIT);
        assertEquals(80, c.wrongDims());
        assertEquals(48, c.rotatedOnly());
        assertEquals(1.0, c.fastestError(), 0.0);
        assertEquals(1, RotaryLayouts.divergesFrom(c.fastestError(), 0.5));
    }

    @Test
    void aWidthTooNarrowLeavesTrainedDimensionsFixed() {
        // MiniMax-M2's factor applied twice: 64 of 128 trained, 32 served, half-split. Dimensions
        // 32..63 are trained rotated and served fixed (32); 0..31 pair with i + 16 instead of i + 32.
        RotaryWidths.Comparison c = RotaryWidths.compare(128, 64, 32, 5_000_000, HALF_SPLIT);
        assertEquals(64, c.wrongDims());
        assertEquals(32, c.rotatedOnly());
        assertEquals(1.0, c.fastestError(), 0.0);
    }

    @Test
    void interleavedPairsKeepTheirPartnerAndOnlyTheFrequencyLadderDiffers() {
        // Interleaved, 64 of 128 trained, 128 served, base 10,000. Dimensions 0 and 1 turn at
        // theta_0 = 1 in both: right. Dimensions 2..63 keep their partner (i xor 1) but turn at
        // b^(-j/64) instead of b^(-j/32), j = i / 2: 62 wrong; 64..127 rotate only when served: 64.
        // The error e^(-aj) - e^(-2aj), a = ln(b) / 64, peaks near e^(-aj) = 1/2, j = 64 ln 2 / ln b
        // = 4.82: at j = 5, 10^(-4 x 5/64) - 10^(-4 x 5/32) = 0.486968 - 0.237137 = 0.249831; the
        // served-only dimensions turn at most b^(-64/128) = 0.01. 0.5 / 0.249831 = 2.0014: position 3.
        RotaryWidths.Comparison c = RotaryWidths.compare(128, 64, 128, 10_000, INTERLEAVED);
        assertEquals(126, c.wrongDims());
        assertEquals(64, c.rotatedOnly());
        assertEquals(Math.pow(10, -20.0 / 64) - Math.pow(10, -20.0 / 32), c.fastestError(), 1e-15);
        assertEquals(0.249831, c.fastestError(), 1e-6);
        assertEquals(3, RotaryLayouts.divergesFrom(c.fastestError(), 0.5));
    }

    @Test
    void theTrainedWidthRotatesNothingWrongly() {
        RotaryWidths.Comparison c = RotaryWidths.compare(80, 32, 32, 10_000, HALF_SPLIT);
        assertEquals(0, c.wrongDims());
        assertEquals(0.0, c.fastestError(), 0.0);
    }

    @Test
    void refusesWidthsPastTheHeadOrOdd() {
        assertThrows(IllegalArgumentException.class, () -> RotaryWidths.compare(80, 32, 96, 10_000, HALF_SPLIT));
        assertThrows(IllegalArgumentException.class, () -> RotaryWidths.compare(80, 32, 33, 10_000, HALF_SPLIT));
    }
}
