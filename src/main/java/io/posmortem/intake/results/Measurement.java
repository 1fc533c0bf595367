package io.posmortem.intake.results;

/**
 * One result read from an eval-results file: a task at one context length (and, for a needle grid,
 * one depth class), either as counts (successes of trials) or as a metric value.
 *
 * @param file      the results file as named on the command line
 * @param task      the task name as the file gives it
 * @param metric    the metric key or column the number was read from
 * @param length    the context length in tokens
 * @param depth     {@code early} or {@code late} for a needle grid, else null
 * @param successes samples right (counts), or 0 for a metric
 * @param trials    samples in all (counts), or 0 for a metric
 * @param value     the metric's value, or null for counts
 * @param basis     how the counts were obtained (rounded from a rate, samples assumed, ...), or null when exact
 * @param where     where in the file: {@code line N} or a JSON pointer
 */
public record Measurement(String file, String task, String metric, int length, String depth, int successes, int trials,
                         Double value, String basis, String where) {

    public boolean counted() {
        return value == null;
    }

    /** A count measurement. */
    static Measurement counts(String file, String task, String metric, int length, String depth, int successes, int trials,
                              String basis, String where) {
        return new Measurement(file, task, metric, length, depth, successes, trials, null, basis, where);
    }

    /** A metric measurement. */
    static Measurement value(String file, String task, String metric, int length, double value, String where) {
        return new Measurement(file, task, metric, length, null, 0, 0, value, null, where);
    }

    /**
     * Counts from a rate in [0, 1] over {@code trials} samples: successes = round(rate x trials). A
     * mean of partial-credit scores (RULER's string_match_all over several needles) is read the same
     * way, as the equivalent number of fully right samples.
     */
    static int successesOf(double rate, int trials) {
        return (int) Math.max(0, Math.min(trials, Math.round(rate * trials)));
    }
}
