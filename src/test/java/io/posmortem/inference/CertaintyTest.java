package io.posmortem.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Properties of the certainty-factor algebra over random support sets (seed = 7000 + repetition):
 * bounded, independent of order, monotone; plus hand-computed values.
 */
class CertaintyTest {

    static List<Double> weights(Random random) {
        int n = random.nextInt(12);
        List<Double> w = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = random.nextInt(10) == 0 ? (random.nextBoolean() ? 1.0 : -1.0) : random.nextDouble() * 2 - 1;
            w.add(x);
        }
        return w;
    }

    @RepeatedTest(500)
    void boundedOrderIndependentAndMonotone(RepetitionInfo info) {
        long seed = 7000L + info.getCurrentRepetition();
        Random random = new Random(seed);
        List<Double> w = weights(random);
        double cf = Certainty.of(w).factor();
        assertTrue(cf >= -1 && cf <= 1, "seed " + seed + ": bounded, got " + cf);

        List<Double> shuffled = new ArrayList<>(w);
        Collections.shuffle(shuffled, random);
        assertEquals(cf, Certainty.of(shuffled).factor(), 1e-12, "seed " + seed + ": order independent for " + w);

        double extra = random.nextDouble();
        List<Double> more = new ArrayList<>(w);
        more.add(extra);
        assertTrue(Certainty.of(more).factor() >= cf - 1e-12, "seed " + seed + ": a positive support never lowers certainty");
        List<Double> less = new ArrayList<>(w);
        less.add(-extra);
        assertTrue(Certainty.of(less).factor() <= cf + 1e-12, "seed " + seed + ": a negative support never raises certainty");
    }

    @Test
    void handComputedValues() {
        // Founding case, Build A, uniform interpolation: MB = 1 - (1 - 0.6)(1 - 0.3) = 0.72.
        assertEquals(0.72, Certainty.of(List.of(0.6, 0.3)).factor(), 1e-12);
        // NTK-aware in the same build: MB = 0.1, MD = 1 - 0.3 * 0.4 = 0.88, CF = (0.1 - 0.88) / (1 - 0.1) = -0.8667.
        assertEquals(-0.78 / 0.9, Certainty.of(List.of(0.1, -0.7, -0.6)).factor(), 1e-12);
        // Build B, T5: MB = 0.3, MD = 1 - 0.3 * 0.3 = 0.91, CF = -0.61 / 0.7.
        assertEquals(-0.61 / 0.7, Certainty.of(List.of(0.3, -0.7, -0.7)).factor(), 1e-12);
        assertEquals(0.0, Certainty.of(List.of()).factor());
        assertEquals(0.0, Certainty.of(List.of(1.0, -1.0)).factor(), "total belief against total disbelief");
    }

    @Test
    void weightsOutsideMinusOneToOneAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Certainty.NONE.with(1.5));
        assertThrows(IllegalArgumentException.class, () -> Certainty.NONE.with(Double.NaN));
    }
}
