package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;

/**
 * The error of a rotary angle {@code position * theta} when the position, the frequency and their
 * product are each rounded to a low-precision float format, as happens when an engine builds the
 * cos/sin tables in bfloat16 or float16 instead of float32. The exact angle is the float64 product
 * of the exact position and {@code theta}; the low-precision one is
 * {@code round(round(position) * round(theta))} with IEEE round-to-nearest-even (a product of two
 * such values is exact in float32, so torch's half-precision multiply rounds once, as here).
 * Past the format's largest finite value the angle overflows: the error is infinite.
 */
public final class AnglePrecision {
    private AnglePrecision() {}

    /** A binary floating-point format: significand bits (with the implicit one) and exponent range. */
    public enum Format {
        FLOAT32(24, -126, 127),
        BFLOAT16(8, -126, 127),
        FLOAT16(11, -14, 15);

        final int significandBits;
        final int minExponent;
        final int maxExponent;

        Format(int significandBits, int minExponent, int maxExponent) {
            this.significandBits = significandBits;
            this.minExponent = minExponent;
            this.maxExponent = maxExponent;
        }

        /** The largest finite value: {@code (2 - 2^(1-p)) 2^emax}. */
        public double max() {
            return (2 - Math.scalb(1.0, 1 - significandBits)) * Math.scalb(1.0, maxExponent);
        }

        /** {@code x} rounded to this format (ties to even; subnormals kept; infinite past {@link #max}). */
        public double round(double x) {
            if (x == 0 || Double.isInfinite(x)) return x;
            Domain.finite("value", x);
            int exponent = Math.max(Math.getExponent(x), minExponent);
            double ulp = Math.scalb(1.0, exponent - (significandBits - 1));
            double rounded = Math.rint(x / ulp) * ulp;
            if (Math.abs(rounded) > max()) return Math.copySign(Double.POSITIVE_INFINITY, x);
            return rounded;
        }
    }

    /** {@code position * theta} computed in {@code format}: {@code round(round(position) * round(theta))}. */
    public static double angle(Format format, long position, double theta) {
        Domain.atLeast("position", (double) position, 0.0);
        Domain.positive("inverse frequency", theta);
        double p = format.round(position);
        return Double.isInfinite(p) ? p : format.round(p * format.round(theta));
    }

    /**
     * The distance on the circle between the angle computed in {@code format} and the exact angle,
     * radians in [0, pi]: a rotation only sees its angle modulo 2 pi, so an error of 2 pi is none.
     * Infinite on overflow.
     */
    public static double angleError(Format format, long position, double theta) {
        double d = Math.abs(angle(format, position, theta) - position * theta);
        if (Double.isInfinite(d)) return d;
        double r = d % (2 * Math.PI);
        return Math.min(r, 2 * Math.PI - r);
    }

    /** The largest {@link #angleError} over all pairs at {@code position}. */
    public static double worstAngleError(Format format, long position, double[] thetas) {
        double worst = 0;
        for (double theta : thetas) worst = Math.max(worst, angleError(format, position, theta));
        return worst;
    }
}
