package io.posmortem.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Locale-independent, deterministic number formatting for explanations and reports. */
public final class Numbers {
    private Numbers() {}

    /**
     * Whole numbers with thousands separators ({@code 18,694}); others to four significant digits
     * ({@code 0.125}, {@code 1.208}, {@code 78.12}); large non-whole numbers without decimals.
     */
    public static String format(double value) {
        if (Double.isNaN(value)) return "n/a";
        if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return grouped(value);
        if (Math.abs(value) >= 10_000) return grouped(Math.rint(value));
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return rounded.toPlainString();
    }

    /** A value with a fixed number of decimals, for scores ({@code 0.7200}). */
    public static String fixed(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Rounds for JSON output: 10 significant digits, so that float noise does not change bytes across platforms. */
    public static double round(double value) {
        if (!Double.isFinite(value) || value == 0) return value;
        return new BigDecimal(value).round(new MathContext(10, RoundingMode.HALF_EVEN)).doubleValue();
    }

    private static String grouped(double value) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(value);
    }
}
