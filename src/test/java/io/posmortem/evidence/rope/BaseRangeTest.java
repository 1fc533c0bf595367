package io.posmortem.evidence.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.PairBand;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.positional.RopeMapping;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bases an unstated base change would need, for the founding case's geometry (d 128, b 10,000, 4k -> 32k). */
class BaseRangeTest {

    static final EvidenceSettings SETTINGS = new EvidenceSettings(32, 1, 20, 0.5);

    @Test
    void foundingCaseBounds() {
        BaseRange.Bounds b = BaseRange.of(128, 10_000, 4096, 32_768, 0.5, 0.5, 1.01, SETTINGS);
        // 21 local pairs (0-20); half of them compressed 2x or more needs pair j* = 21 - ceil(10.5) = 10
        // slowed 2x: (b'/b)^(2 x 10 / 128) = 2, so b' = 10,000 x 2^(128/20) = 844,485.
        assertEquals(10_000 * Math.pow(2, 128.0 / 20), b.compressesLocalFrom(), 1e-6);
        // Long-range pairs (46-63) in range at 32k: roughly s_j >= 8 for the first of them,
        // (b'/b)^(92/128) >= 8, b' >= 10,000 x 8^(128/92) = 180,600; pair 46 has 0.94 of a turn in
        // training, so slightly less is enough (bisection on the exact ratios).
        assertTrue(b.keepsLongRangeFrom() > 150_000 && b.keepsLongRangeFrom() < 10_000 * Math.pow(8, 128.0 / 92),
                String.valueOf(b.keepsLongRangeFrom()));
        assertTrue(BaseRange.keepsLongRange(128, 10_000, b.keepsLongRangeFrom() * 1.001, 4096, 32_768, 1.01, SETTINGS));
        assertTrue(!BaseRange.keepsLongRange(128, 10_000, b.keepsLongRangeFrom() * 0.99, 4096, 32_768, 1.01, SETTINGS));
    }

    /**
     * The bounds equal, bit for bit, those of the definition: the bisection asking of the per-pair
     * records of {@link RotaryPairs#evaluate} whether any long-range pair's unseen-angle ratio passes
     * the tolerance, and counting the local pairs from them. Seeded random geometries and settings.
     */
    @Test
    void boundsEqualThoseOfThePerPairRecords() {
        Random random = new Random(20261203L);
        for (int i = 0; i < 400; i++) {
            int dims = 2 * (4 + random.nextInt(125));
            double base = Math.exp(Math.log(2) + random.nextDouble() * Math.log(1e7));
            int trained = 2 + random.nextInt(200_000);
            int target = trained + (random.nextBoolean() ? 0 : random.nextInt(2_000_000));
            double ratio = 0.05 + random.nextDouble() * 0.9;
            double share = random.nextDouble();
            double tolerance = 1 + random.nextDouble() * (random.nextBoolean() ? 0.1 : 3);
            EvidenceSettings settings = new EvidenceSettings(1 + random.nextDouble() * 64, random.nextDouble() * 2, 20, 0.5);
            String where = "dims " + dims + ", base " + base + ", " + trained + " -> " + target + ", ratio " + ratio
                    + ", share " + share + ", tolerance " + tolerance + ", " + settings;
            assertEquals(definition(dims, base, trained, target, ratio, share, tolerance, settings),
                    BaseRange.of(dims, base, trained, target, ratio, share, tolerance, settings), where);
        }
    }

    /** {@link BaseRange#of} written over the per-pair records, as the class comment defines it. */
    private static BaseRange.Bounds definition(int dims, double base, int trained, int target, double ratio, double share,
                                               double tolerance, EvidenceSettings settings) {
        double[] theta = InverseFrequencies.unscaled(dims, base);
        int local = (int) RotaryPairs.evaluate("", "", theta, theta, trained, target, settings).stream()
                .filter(p -> p.band() == PairBand.LOCAL).count();
        int lowest = local - (int) Math.ceil(share * local);
        double compresses = lowest <= 0 ? Double.POSITIVE_INFINITY : base * Math.pow(1 / ratio, dims / (2.0 * lowest));
        double lo = Math.log(base);
        double hi = Math.log(base) + Math.log(1e12);
        if (!keeps(dims, base, Math.exp(hi), trained, target, tolerance, settings)) return new BaseRange.Bounds(Double.POSITIVE_INFINITY, compresses);
        if (keeps(dims, base, base, trained, target, tolerance, settings)) return new BaseRange.Bounds(base, compresses);
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (keeps(dims, base, Math.exp(mid), trained, target, tolerance, settings)) hi = mid;
            else lo = mid;
        }
        return new BaseRange.Bounds(Math.exp(hi), compresses);
    }

    private static boolean keeps(int dims, double base, double newBase, int trained, int target, double tolerance, EvidenceSettings settings) {
        List<RotaryPair> pairs = RotaryPairs.evaluate("", "", InverseFrequencies.unscaled(dims, base),
                InverseFrequencies.of(dims, new RopeMapping.NewBase(base, newBase), target), trained, target, settings);
        boolean keeps = pairs.stream().noneMatch(p -> p.band() == PairBand.LONG_RANGE && p.unseenAngleRatio() > tolerance);
        assertEquals(keeps, BaseRange.keepsLongRange(dims, base, newBase, trained, target, tolerance, settings));
        return keeps;
    }
}
