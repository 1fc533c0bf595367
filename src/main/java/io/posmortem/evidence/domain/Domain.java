package io.posmortem.evidence.domain;

/** Argument checks that name the parameter, for every public evidence function. */
public final class Domain {
    private Domain() {}

    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        return value;
    }

    public static double positive(String name, double value) {
        finite(name, value);
        if (value <= 0) throw new IllegalArgumentException(name + " must be > 0, got " + value);
        return value;
    }

    public static double atLeast(String name, double value, double min) {
        finite(name, value);
        if (value < min) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        return value;
    }

    public static int atLeast(String name, int value, int min) {
        if (value < min) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        return value;
    }

    public static int atMost(String name, int value, int max) {
        if (value > max) throw new IllegalArgumentException(name + " must be <= " + max + ", got " + value);
        return value;
    }

    /** Largest head dimension or head count (the symptom-file schema's maximum): arrays are sized by them. */
    public static final int MAX_WIDTH = 65_536;

    /** A rotary dimension: even, at least 2 (pairs are rotated together) and at most {@link #MAX_WIDTH}. */
    public static int rotaryDims(String name, int value) {
        if (value < 2 || value % 2 != 0 || value > MAX_WIDTH) {
            throw new IllegalArgumentException(name + " must be even and in [2, " + MAX_WIDTH + "], got " + value);
        }
        return value;
    }
}
