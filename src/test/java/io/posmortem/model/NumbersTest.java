package io.posmortem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Numbers} against its definition: the oracle below is the exact {@link BigDecimal} /
 * {@link DecimalFormat} implementation the class had before its arithmetic fast path, kept verbatim.
 * Every output must match it byte for byte (bit for bit for {@link Numbers#round}).
 */
class NumbersTest {

    /** The exact implementation, as it was. */
    static final class Exact {
        static String format(double value) {
            if (Double.isNaN(value)) return "n/a";
            if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
            if (value == Math.rint(value) && Math.abs(value) < 1e15) return grouped(value);
            if (Math.abs(value) >= 10_000) return grouped(Math.rint(value));
            BigDecimal rounded = new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            return rounded.toPlainString();
        }

        static String fixed(double value, int decimals) {
            return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        }

        static double round(double value) {
            if (!Double.isFinite(value) || value == 0) return value;
            return new BigDecimal(value).round(new MathContext(10, RoundingMode.HALF_EVEN)).doubleValue();
        }

        private static String grouped(double value) {
            DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
            return f.format(value);
        }
    }

    private static final int SAMPLES = 1_000_000;

    /**
     * Seeded sample of {@value #SAMPLES} doubles in five families: log-uniform magnitudes from
     * 1e-30 to 1e30; decimals with 1 to 17 significant digits (many of them exact ties at 4 or 10
     * digits, or a few ulps from one); values one to three ulps either side of those; exact halves
     * {@code k + 0.5} and {@code (k + 0.5) / 10^d}; and uniformly random bit patterns.
     */
    @Test
    void fastPathsMatchTheExactImplementationOnAMillionDoubles() {
        SplittableRandom random = new SplittableRandom(16_2026L);
        int checked = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double v = sample(random, i % 5);
            if (random.nextBoolean()) v = -v;
            check(v);
            checked++;
        }
        assertEquals(SAMPLES, checked);
    }

    @Test
    void edgeValuesMatch() {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, 1.5, 2.5, 0.125, 0.00125, 9999.5, 9999.95, 0.99995,
            0.999951, 9.9999999995, 99999.5, 1e15, 1e15 + 1, 9.99999999999e14, 1e22, 1e23, 1e-22, 1e-23, 123456789.5, 1234567890.5,
            0.1 + 0.2, 1.0 / 3, 2.0 / 3, 18694, -18694.4, 4_503_599_627_370_496.0, 9_007_199_254_740_993.0};
        for (double v : edges) check(v);
        // Hand-derived: 0.125 = 2^-3 holds exactly; the double nearest 0.00125 lies just above it
        // (0.00125000000000000002602...), so four decimals round up although the decimal is a tie.
        assertEquals("0.0013", Numbers.fixed(0.00125, 4));
        assertEquals("0.125", Numbers.format(0.125));
        assertEquals("18,694", Numbers.format(18694));
        assertEquals("0.7200", Numbers.fixed(0.72, 4));
        assertEquals("0.0000", Numbers.fixed(-0.00001, 4));
    }

    private static void check(double v) {
        long want = Double.doubleToRawLongBits(Exact.round(v));
        long got = Double.doubleToRawLongBits(Numbers.round(v));
        if (want != got) fail("round(" + v + ") [" + Double.doubleToRawLongBits(v) + "]: want " + Exact.round(v) + ", got " + Numbers.round(v));
        String f = Exact.format(v);
        if (!f.equals(Numbers.format(v))) fail("format(" + v + "): want " + f + ", got " + Numbers.format(v));
        if (Double.isFinite(v) && Math.abs(v) < 1e12) {
            for (int d = 0; d <= 6; d++) {
                String x = Exact.fixed(v, d);
                if (!x.equals(Numbers.fixed(v, d))) fail("fixed(" + v + ", " + d + "): want " + x + ", got " + Numbers.fixed(v, d));
            }
        }
    }

    private static double sample(SplittableRandom random, int family) {
        switch (family) {
            case 0:
                return Math.pow(10, random.nextDouble(-30, 30));
            case 1: {
                int digits = 1 + random.nextInt(17);
                long unscaled = (long) Math.floor(random.nextDouble() * Math.pow(10, digits));
                return Double.parseDouble(unscaled + "E" + (random.nextInt(40) - 20 - digits));
            }
            case 2: {
                int digits = 1 + random.nextInt(12);
                long unscaled = (long) Math.floor(random.nextDouble() * Math.pow(10, digits));
                double v = Double.parseDouble(unscaled + "E" + (random.nextInt(24) - 12 - digits));
                long bits = Double.doubleToRawLongBits(v) + random.nextInt(7) - 3;
                return Math.abs(Double.longBitsToDouble(bits));
            }
            case 3: {
                long k = random.nextLong(1, 100_000_000_000L);
                return (k + 0.5) / Math.pow(10, random.nextInt(16));
            }
            default: {
                double v = Double.longBitsToDouble(random.nextLong());
                return Double.isNaN(v) ? 0.0 : Math.abs(v);
            }
        }
    }
}
