package io.posmortem.evidence.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.evidence.rope.AnglePrecision.Format;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnglePrecisionTest {

    /**
     * {@code src/test/resources/oracle/precision-torch.json} ({@code precision_oracle.py}): torch
     * 1.13 CPU, {@code tensor(p, dtype) * tensor(theta, dtype)} for bfloat16 and float16, widened
     * to float64. Every angle must match exactly.
     */
    @Test
    void lowPrecisionAnglesMatchTorch() throws IOException {
        JsonNode oracle;
        try (InputStream in = getClass().getResourceAsStream("/oracle/precision-torch.json")) {
            oracle = JsonMapper.builder().build().readTree(in);
        }
        int checked = 0;
        for (JsonNode c : oracle.get("cases")) {
            Format format = c.get("format").asString().equals("bfloat16") ? Format.BFLOAT16 : Format.FLOAT16;
            long position = c.get("position").asLong();
            double theta = Double.parseDouble(c.get("theta").asString());
            String angle = c.get("angle").asString();
            double expected = angle.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(angle);
            assertEquals(expected, AnglePrecision.angle(format, position, theta), 0.0,
                    format + " position " + position + " theta " + theta);
            checked++;
        }
        assertEquals(156, checked);
    }

    @Test
    void formatsHaveTheirIeeeLimits() {
        // bfloat16: 8 significand bits, max (2 - 2^-7) 2^127; float16: 11 bits, max 65504.
        assertEquals(65504.0, Format.FLOAT16.max());
        assertEquals(3.3895313892515355e38, Format.BFLOAT16.max());
        assertEquals(Float.MAX_VALUE, Format.FLOAT32.max());
        // Above 256 bfloat16 spaces integers 2 apart (ties to even), above 4096 by 32.
        assertEquals(256.0, Format.BFLOAT16.round(257));
        assertEquals(260.0, Format.BFLOAT16.round(259));
        assertEquals(4096.0, Format.BFLOAT16.round(4111));
        assertEquals(Double.POSITIVE_INFINITY, Format.FLOAT16.round(65520));
        assertEquals((double) (float) 0.1, Format.FLOAT32.round(0.1));
    }

    @Test
    void theErrorGrowsWithPositionForTheFastestPair() {
        // Pair 0 turns 1 radian per token; in bfloat16 the position itself is rounded to 8
        // significant bits, so the angle error reaches half a spacing: 2^(e-8) at positions in [2^e, 2^(e+1)).
        assertEquals(0.0, AnglePrecision.angleError(Format.BFLOAT16, 256, 1.0));
        assertEquals(1.0, AnglePrecision.angleError(Format.BFLOAT16, 257, 1.0));
        // 4112 rounds to 4096 in bfloat16 (8 significant bits): 16 radians off, which on the circle is
        // 16 - 2 (2 pi) = 3.434 one way, 2 pi - 3.434 = 6 pi - 16 = 2.850 the other (the shorter).
        assertEquals(6 * Math.PI - 16, AnglePrecision.angleError(Format.BFLOAT16, 4096 + 16, 1.0), 1e-12);
        assertEquals(0.0, AnglePrecision.angleError(Format.FLOAT32, 32_767, 1.0));
        assertTrue(Double.isInfinite(AnglePrecision.angleError(Format.FLOAT16, 70_000, 1.0)));
        // On the circle the error never exceeds pi; past 4k positions some pair is always off by more
        // than half a radian (the 0.5 tolerance), whatever the wrap.
        for (long p = 512; p <= 1 << 20; p *= 2) {
            double worst = AnglePrecision.worstAngleError(Format.BFLOAT16, p + p / 2 + 1, new double[] {1.0, 0.5, 0.01});
            assertTrue(worst <= Math.PI, "position " + p);
            if (p >= 4096) assertTrue(worst > 0.5, "position " + p + ": " + worst);
        }
    }
}
