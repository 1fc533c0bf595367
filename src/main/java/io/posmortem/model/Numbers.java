package io.posmortem.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Locale-independent, deterministic number formatting for explanations and reports.
 *
 * <p>Every method is defined by its exact decimal meaning (half-even rounding of the double's exact
 * binary value, as {@link BigDecimal} does it) and gives that result bit for bit; the common cases
 * take a path with plain double arithmetic. The fast path scales by a power of ten that a double
 * holds exactly ({@code 10^0 .. 10^22}), so the scaled value carries one rounding error of at most
 * half an ulp, below {@code 1e10 x 2^-53 ~ 1.1e-6} for the magnitudes it accepts; when its
 * fraction lies within {@link #TIE_MARGIN} of one half the exact path decides instead. Turning the
 * rounded integer back into a double is one correctly rounded division or multiplication of exact
 * operands, which is the exact decimal's nearest double (Clinger's fast path, "How to read floating
 * point numbers accurately", PLDI 1990). All methods are stateless and thread-safe.
 */
public final class Numbers {
    private Numbers() {}

    /** Powers of ten a double holds exactly: {@code 10^22 < 2^53 x 2^22}, the largest with a 53-bit odd part. */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Distance from one half within which the scaled fraction may be a rounding error away from a tie. */
    private static final double TIE_MARGIN = 1e-5;

    /** Largest scaled magnitude the fast path accepts, keeping the scaling error far below {@link #TIE_MARGIN}. */
    private static final double FAST_LIMIT = 1e10;

    /**
     * Whole numbers with thousands separators ({@code 18,694}); others to four significant digits
     * ({@code 0.125}, {@code 1.208}, {@code 78.12}); large non-whole numbers without decimals.
     */
    public static String format(double value) {
        if (Double.isNaN(value)) return "n/a";
        if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return grouped(value);
        if (Math.abs(value) >= 10_000) return grouped(Math.rint(value));
        String fast = significantFast(value, 4);
        return fast != null ? fast : new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    /** A value with a fixed number of decimals, for scores ({@code 0.7200}). */
    public static String fixed(double value, int decimals) {
        if (decimals >= 0 && decimals < POW10.length && Double.isFinite(value)) {
            double scaled = Math.abs(value) * POW10[decimals];
            if (scaled < FAST_LIMIT) {
                double whole = Math.rint(scaled);
                if (!nearTie(scaled, whole)) return plain(value < 0 && whole != 0, (long) whole, decimals, false);
            }
        }
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Rounds for JSON output: 10 significant digits, so that float noise does not change bytes across platforms. */
    public static double round(double value) {
        if (!Double.isFinite(value) || value == 0) return value;
        double magnitude = Math.abs(value);
        int decimals = decimalsFor(magnitude, 10);
        if (decimals >= 0 && decimals < POW10.length) {
            double scaled = magnitude * POW10[decimals];
            if (scaled < FAST_LIMIT * 1.0000001) {
                double whole = Math.rint(scaled);
                if (!nearTie(scaled, whole)) {
                    double rounded = whole / POW10[decimals];
                    return value < 0 ? -rounded : rounded;
                }
            }
        } else if (decimals < 0 && -decimals < POW10.length) {
            double scaled = magnitude / POW10[-decimals];
            // Division by an exact power of ten is one rounding too; the same margin applies.
            if (scaled < FAST_LIMIT * 1.0000001) {
                double whole = Math.rint(scaled);
                if (!nearTie(scaled, whole)) {
                    double rounded = whole * POW10[-decimals];
                    return value < 0 ? -rounded : rounded;
                }
            }
        }
        return new BigDecimal(value).round(new MathContext(10, RoundingMode.HALF_EVEN)).doubleValue();
    }

    /**
     * The number of decimals that leaves {@code digits} significant digits of {@code magnitude}
     * (positive, finite): {@code digits - 1 - floor(log10(magnitude))}. {@code Math.log10} may be one
     * off next to a power of ten; either neighbouring answer rounds to the same decimal there, since
     * the scaled value is then within rounding error of a power of ten and far from a tie.
     */
    private static int decimalsFor(double magnitude, int digits) {
        return digits - 1 - (int) Math.floor(Math.log10(magnitude));
    }

    private static boolean nearTie(double scaled, double whole) {
        return Math.abs(Math.abs(scaled - whole) - 0.5) < TIE_MARGIN;
    }

    /** {@code digits} significant digits of a non-whole {@code value} below 10,000 in magnitude, trailing zeros stripped; null to take the exact path. */
    private static String significantFast(double value, int digits) {
        double magnitude = Math.abs(value);
        int decimals = decimalsFor(magnitude, digits);
        if (decimals < 0 || decimals >= POW10.length) return null;
        double scaled = magnitude * POW10[decimals];
        if (scaled >= FAST_LIMIT) return null;
        double whole = Math.rint(scaled);
        if (nearTie(scaled, whole)) return null;
        return plain(value < 0, (long) whole, decimals, true);
    }

    /** {@code unscaled / 10^decimals} as a plain decimal string, like {@link BigDecimal#toPlainString()}. */
    private static String plain(boolean negative, long unscaled, int decimals, boolean stripZeros) {
        if (stripZeros) {
            while (decimals > 0 && unscaled % 10 == 0) {
                unscaled /= 10;
                decimals--;
            }
        }
        String digits = Long.toString(unscaled);
        StringBuilder out = new StringBuilder(digits.length() + decimals + 3);
        if (negative) out.append('-');
        if (decimals == 0) return out.append(digits).toString();
        if (digits.length() > decimals) {
            out.append(digits, 0, digits.length() - decimals).append('.').append(digits, digits.length() - decimals, digits.length());
        } else {
            out.append("0.");
            for (int i = digits.length(); i < decimals; i++) out.append('0');
            out.append(digits);
        }
        return out.toString();
    }

    /** A whole number with {@code ,} between groups of three digits; {@code DecimalFormat} beyond what a long holds exactly. */
    private static String grouped(double value) {
        if (Math.abs(value) < 1e15 && !(value == 0 && 1 / value < 0)) {
            String digits = Long.toString(Math.abs((long) value));
            StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
            if (value < 0) out.append('-');
            int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
            out.append(digits, 0, lead);
            for (int i = lead; i < digits.length(); i += 3) out.append(',').append(digits, i, i + 3);
            return out.toString();
        }
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
