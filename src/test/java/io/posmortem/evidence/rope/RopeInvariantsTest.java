package io.posmortem.evidence.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.positional.RopeMapping;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Invariants of the RoPE mappings over random geometries (seeded: seed = 1000 + repetition, so a
 * failure names its seed and reproduces).
 */
class RopeInvariantsTest {

    @RepeatedTest(200)
    void scalesStayBetweenOneAndTheFactorAndNeverDecreaseWithPairIndex(RepetitionInfo info) {
        Random random = new Random(1000L + info.getCurrentRepetition());
        int dims = 2 * (2 + random.nextInt(127));        // 4..256
        double base = 100 + random.nextDouble() * 1e6;
        double factor = 1 + random.nextDouble() * 63;
        int trained = 256 + random.nextInt(32_768);
        int target = (int) Math.ceil(trained * factor);
        String seed = "seed " + (1000L + info.getCurrentRepetition()) + ": d=" + dims + " b=" + base + " s=" + factor + " L=" + trained;
        double[] unscaled = InverseFrequencies.unscaled(dims, base);
        for (RopeMapping m : new RopeMapping[] {
                new RopeMapping.Linear(base, factor),
                new RopeMapping.NtkAware(base, factor),
                new RopeMapping.Yarn(base, factor, trained, 32, 1, null),
                new RopeMapping.Yarn(base, factor, trained, 32, 1, null, 1.0, 1.0, false),
                new RopeMapping.Llama3(base, factor, 1, 4, trained)}) {
            double[] mapped = InverseFrequencies.of(dims, m, target);
            double previous = 0;
            for (int j = 0; j < mapped.length; j++) {
                double s = unscaled[j] / mapped[j];
                assertTrue(s >= 1 - 1e-12 && s <= factor * (1 + 1e-12), seed + " " + m.method() + " pair " + j + " scale " + s);
                assertTrue(s >= previous - 1e-9, seed + " " + m.method() + " pair " + j + " scale decreased");
                previous = s;
            }
        }
        // NTK-aware: the fastest pair is untouched and the slowest scaled by exactly the factor.
        double[] ntk = InverseFrequencies.of(dims, new RopeMapping.NtkAware(base, factor), target);
        assertEquals(1.0, unscaled[0] / ntk[0], 1e-12, seed);
        assertEquals(factor, unscaled[dims / 2 - 1] / ntk[dims / 2 - 1], factor * 1e-9, seed);
    }

    @RepeatedTest(50)
    void dynamicNtkIsTheTrainedRopeUpToTheWindowAndSlowsEveryPairAsTheSequenceGrows(RepetitionInfo info) {
        Random random = new Random(5000L + info.getCurrentRepetition());
        int dims = 2 * (2 + random.nextInt(127));
        double base = 100 + random.nextDouble() * 1e6;
        double factor = 1 + random.nextDouble() * 31;
        int trained = 256 + random.nextInt(32_768);
        String seed = "seed " + (5000L + info.getCurrentRepetition());
        RopeMapping dynamic = new RopeMapping.DynamicNtk(base, factor, trained);
        double[] unscaled = InverseFrequencies.unscaled(dims, base);
        // At n <= L the base is base * (factor L / L - (factor - 1))^(d/(d-2)): 1 up to rounding of factor L / L.
        double[] within = InverseFrequencies.of(dims, dynamic, 1 + random.nextInt(trained));
        for (int j = 0; j < within.length; j++) assertEquals(unscaled[j], within[j], unscaled[j] * 1e-13, seed + " pair " + j);
        double[] previous = unscaled;
        for (int n = trained + 1; n < 16 * trained; n *= 2) {
            double[] now = InverseFrequencies.of(dims, dynamic, n);
            assertEquals(previous[0], now[0], 0, seed + ": pair 0 never changes");
            for (int j = 1; j < now.length; j++) assertTrue(now[j] <= previous[j], seed + " n=" + n + " pair " + j);
            previous = now;
        }
    }
}
