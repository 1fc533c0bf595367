package io.posmortem.intake.results;

/** Reading the numbers of a results file: lengths, counts and values, each in its domain or null. */
final class Numbers {
    private Numbers() {}

    /** Largest context length accepted (the symptom file's token bound). */
    static final int MAX_LENGTH = 100_000_000;
    /** Largest count accepted (the symptom file's counts bound). */
    static final int MAX_COUNT = 1_000_000_000;

    /** A whole number in [min, max], or null. */
    static Integer whole(String text, long min, long max) {
        if (text == null) return null;
        try {
            double d = Double.parseDouble(text.strip());
            if (!Double.isFinite(d) || d != Math.rint(d) || d < min || d > max) return null;
            return (int) d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A finite number of magnitude at most 1e15, or null. */
    static Double finite(String text) {
        if (text == null) return null;
        try {
            double d = Double.parseDouble(text.strip());
            return Double.isFinite(d) && Math.abs(d) <= 1e15 ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer length(String text) {
        return whole(text, 1, MAX_LENGTH);
    }
}
