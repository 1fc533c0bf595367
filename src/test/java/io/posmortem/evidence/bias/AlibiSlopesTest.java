package io.posmortem.evidence.bias;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * ALiBi slopes against the output of the authors' get_slopes recipe (Press et al. 2022,
 * github.com/ofirpress/attention_with_linear_biases), run in Python 3.11 float64.
 */
class AlibiSlopesTest {

    @Test
    void eightHeadsHalveFromOneHalf() {
        assertArrayEquals(new double[] {0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625},
                AlibiSlopes.of(8), 0.0);
    }

    @Test
    void thirtyTwoHeadsStartAtTwoToTheMinusQuarter() {
        double[] s = AlibiSlopes.of(32);
        assertEquals(32, s.length);
        assertEquals(0.8408964152537145, s[0], 0.0);
        assertEquals(0.7071067811865475, s[1], 1e-16);
        assertEquals(0.5946035575013604, s[2], 1e-16);
        // The reference's start * ratio ** 31 lands a few ulps below 2^-8: 0.003906249999999994.
        assertEquals(0.003906249999999994, s[31], 1e-17);
    }

    @Test
    void twelveHeadsInterleaveTheSlopesOfTwentyFour() {
        // get_slopes(12) = get_slopes(8) + get_slopes(16)[0::2][:4]
        assertArrayEquals(new double[] {0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625,
                0.7071067811865476, 0.35355339059327384, 0.17677669529663692, 0.08838834764831849}, AlibiSlopes.of(12), 1e-16);
    }

    @Test
    void fortyHeadsTakeEveryOtherSlopeOfSixtyFour() {
        double[] s = AlibiSlopes.of(40);
        assertEquals(0.8408964152537145, s[0], 0.0);
        assertEquals(0.27262693316631437, s[39], 1e-16);
    }

    @Test
    void theGentlestHeadReachesTwentyNatsAt5120TokensDespiteRounding() {
        // 20 / 2^-8 = 5120 exactly; the reference's slope makes the quotient 5120.000000000008.
        double gentlest = AlibiSlopes.gentlest(AlibiSlopes.of(32));
        assertEquals(5120, AlibiSlopes.reach(gentlest, 20));
        // 30,000 tokens back: 30000 / 256 = 117.1875 nats (DESIGN primer: "at least 117 nats").
        assertEquals(117.1875, AlibiSlopes.penalty(gentlest, 30_000), 1e-9);
        // 19,999 back: 78.12 nats, the least any head charges on a token 20k-32k back.
        assertEquals(19_999 / 256.0, AlibiSlopes.penalty(gentlest, 19_999), 1e-9);
    }

    @Test
    void badArgumentsNameTheParameter() {
        assertEquals("heads must be >= 1, got 0", assertThrows(IllegalArgumentException.class, () -> AlibiSlopes.of(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AlibiSlopes.penalty(0.5, -1));
    }

    @Test
    void anEarlySpanFadesLogisticallyWithTheDistanceToTheRecentSpan() {
        // Gentlest head of 32 (m = 2^-8), 8,192-token prompt, 1,024-token spans: m (n - k) = 7168 / 256 = 28 nats,
        // share = 1 / (1 + e^28) = 6.914400106935423e-13 (Python math.exp) (hand derivation in AlibiSlopes#earlySpanShare).
        assertEquals(6.914400106935423e-13, AlibiSlopes.earlySpanShare(1.0 / 256, 8192, 1024), 1e-27);
        // Spans meeting in the middle of a short prompt still favour the recent one: n = 2k = 512 -> 1 / (1 + e^1).
        assertEquals(1 / (1 + Math.E), AlibiSlopes.earlySpanShare(1.0 / 256, 512, 256), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> AlibiSlopes.earlySpanShare(0.5, 100, 51));
    }

    @org.junit.jupiter.api.RepeatedTest(50)
    void theClosedFormShareEqualsTheDirectSum(org.junit.jupiter.api.RepetitionInfo info) {
        java.util.Random random = new java.util.Random(7000L + info.getCurrentRepetition());
        double slope = Math.pow(2, -8 * random.nextDouble());
        int span = 1 + random.nextInt(64);
        int context = 2 * span + random.nextInt(400);
        double early = 0;
        double recent = 0;
        for (int d = 0; d < span; d++) recent += Math.exp(-slope * d);
        for (int d = context - span; d < context; d++) early += Math.exp(-slope * d);
        assertEquals(early / (early + recent), AlibiSlopes.earlySpanShare(slope, context, span), 1e-12,
                "seed " + (7000L + info.getCurrentRepetition()));
    }
}
