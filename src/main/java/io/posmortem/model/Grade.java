package io.posmortem.model;

/**
 * How far a number is past a threshold, as a strength in [floor, 1], for rules that grade a
 * finding instead of switching it on at a cliff. Pure functions; the thresholds come from the
 * knowledge base.
 */
public final class Grade {
    private Grade() {}

    /**
     * {@code floor} at {@code value <= from}, 1 at {@code value >= to}, log-linear between:
     * {@code floor + (1 - floor) ln(value / from) / ln(to / from)}. For ratios (compression,
     * overshoot), where doubling matters more than adding.
     */
    public static double logBetween(double value, double from, double to, double floor) {
        if (!(value > from)) return floor;
        if (value >= to) return 1.0;
        return floor + (1 - floor) * Math.log(value / from) / Math.log(to / from);
    }

    /** {@code floor} at {@code value <= from}, 1 at {@code value >= to}, linear between. */
    public static double linearBetween(double value, double from, double to, double floor) {
        if (!(value > from)) return floor;
        if (value >= to) return 1.0;
        return floor + (1 - floor) * (value - from) / (to - from);
    }
}
