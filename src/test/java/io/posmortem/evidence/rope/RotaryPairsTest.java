package io.posmortem.evidence.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.PairBand;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.positional.RopeMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-pair evidence for the founding case's geometry (d = 128, b = 10000, L = 4096, T = 32768),
 * against hand derivations shown with each assertion.
 */
class RotaryPairsTest {

    static final EvidenceSettings YARN_BANDS = new EvidenceSettings(32, 1, 20, 0.5);

    static List<RotaryPair> pairs(RopeMapping mapping) {
        return RotaryPairs.evaluate("s", "b", InverseFrequencies.unscaled(128, 10_000), InverseFrequencies.of(128, mapping, 32_768),
                4096, 32768, YARN_BANDS);
    }

    @Test
    void bandsSplitThePairsAtThirtyTwoTurnsAndOneTurn() {
        // r_j = L / lambda_j > 32 <=> lambda_j < 128 <=> j < 20.94: pairs 0-20 local (21 pairs);
        // r_j < 1 <=> lambda_j > 4096 <=> j > 45.03: pairs 46-63 long-range (18 pairs).
        List<RotaryPair> pairs = pairs(new RopeMapping.Default(10_000));
        assertEquals(21, pairs.stream().filter(p -> p.band() == PairBand.LOCAL).count());
        assertEquals(18, pairs.stream().filter(p -> p.band() == PairBand.LONG_RANGE).count());
        assertEquals(PairBand.LOCAL, pairs.get(20).band());
        assertEquals(PairBand.TRANSITION, pairs.get(21).band());
        assertEquals(PairBand.LONG_RANGE, pairs.get(46).band());
    }

    @Test
    void linearInterpolationCompressesEveryNeighbourAngleAndKeepsAnglesInRange() {
        for (RotaryPair p : pairs(new RopeMapping.Linear(10_000, 8))) {
            assertEquals(0.125, p.neighbourAngleRatio(), 1e-15, "pair " + p.index());
            // Largest angle at T vs at L: (32767 theta / 8) / (4095 theta) = 32767 / 32760 = 1.000213...
            if (p.band() == PairBand.LONG_RANGE) assertEquals(32767.0 / 32760.0, p.unseenAngleRatio(), 1e-12);
        }
    }

    @Test
    void extrapolationPushesEveryLongRangePairPastItsRangeAtTheTrainedLength() {
        for (RotaryPair p : pairs(new RopeMapping.Default(10_000))) {
            assertEquals(1.0, p.neighbourAngleRatio());
            if (p.band() != PairBand.LONG_RANGE) continue;
            // (n - 1) theta > (L - 1) theta first at n = L + 1 = 4097.
            assertEquals(4097, p.leavesTrainedRangeAt(), "pair " + p.index());
        }
        // Pair 63 never completes a turn by 32,768 tokens (lambda = 54,410): ratio (T-1)/(L-1) = 32767/4095.
        assertEquals(32767.0 / 4095.0, pairs(new RopeMapping.Default(10_000)).get(63).unseenAngleRatio(), 1e-12);
    }

    @Test
    void ntkAwareLeavesSeventeenSlowPairsExtrapolatingFromAbout18700Tokens() {
        List<RotaryPair> pairs = pairs(new RopeMapping.NtkAware(10_000, 8));
        // Pair 46: s = 4.564561239976052, leaves at floor(4095 s) + 2 = floor(18692.0) + 2 = 18,693.
        assertEquals(18_693, pairs.get(46).leavesTrainedRangeAt());
        long beyond = pairs.stream().filter(p -> p.band() == PairBand.LONG_RANGE && p.unseenAngleRatio() > 1.01).count();
        assertEquals(17, beyond, "pairs 46-62; pair 63 is scaled by exactly 8");
        assertEquals(1.0, pairs.get(0).neighbourAngleRatio(), "pair 0 untouched by any base change");
    }

    @Test
    void turnsAreCountedInsideBothWindows() {
        RotaryPair p0 = pairs(new RopeMapping.Linear(10_000, 8)).get(0);
        assertEquals(4096 / (2 * Math.PI), p0.turnsTrained(), 1e-9); // 651.9 turns
        assertEquals(32768 / (2 * Math.PI * 8), p0.turnsTarget(), 1e-9); // the same 651.9: interpolation
        assertEquals(8.0, p0.scale(), 1e-15);
    }

    @Test
    void aFineTunedModelServedUnscaledLeavesItsPretrainedRangeAtThePretrainedWindow() {
        // Llama 3.1 geometry: base 500,000, pre-trained at 8,192, trained with llama3 scaling (factor 8,
        // low 1, high 4) over 131,072. Served unscaled, the slow pairs (scaled 8x in training) turn at
        // their pre-training speed: compared with pre-training they leave their range at
        // floor((8192 - 1) x 1) + 2 = 8,193 tokens; compared with the fine-tuned mapping only at
        // floor((131072 - 1) / 8) + 2 = 16,385. Per pair the closer reference is pre-training's.
        RopeMapping llama3 = new RopeMapping.Llama3(500_000, 8, 1, 4, 8192);
        double[] served = InverseFrequencies.unscaled(128, 500_000);
        List<RotaryPair> fineTuned = RotaryPairs.evaluate("s", "b", InverseFrequencies.of(128, llama3, 131_072), served, 131_072, 131_072, YARN_BANDS);
        List<RotaryPair> pretrained = RotaryPairs.evaluate("s", "b", InverseFrequencies.unscaled(128, 500_000), served, 8192, 131_072, YARN_BANDS);
        List<RotaryPair> closer = RotaryPairs.closerReference(fineTuned, pretrained);
        assertEquals(16_385, fineTuned.get(63).leavesTrainedRangeAt());
        assertEquals(8_193, closer.get(63).leavesTrainedRangeAt());
        assertEquals(1.0, closer.get(63).scale(), 1e-12);
        // The fastest pair is unscaled in both: the tie keeps the fine-tuned comparison.
        assertEquals(fineTuned.get(0), closer.get(0));
    }
}
