package io.posmortem.evidence.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.knowledge.EvidenceSettings;
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
}
