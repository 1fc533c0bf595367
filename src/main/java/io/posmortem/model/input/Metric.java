package io.posmortem.model.input;

/**
 * A measured quality metric of a build against its baseline (perplexity, loss, an accuracy or
 * benchmark score).
 *
 * @param name     {@code perplexity}, {@code loss} (lower is better), {@code accuracy}, {@code score},
 *                 {@code pass-rate} (higher is better)
 * @param value    the build's value
 * @param baseline the baseline's value at a comparable length
 */
public record Metric(String name, double value, double baseline) {

    public boolean lowerIsBetter() {
        return name.equals("perplexity") || name.equals("loss");
    }

    /** How much worse the build is, relative to the baseline: positive when worse, negative when better. */
    public double relativeWorsening() {
        double scale = Math.abs(baseline) > 0 ? Math.abs(baseline) : 1.0;
        double delta = (value - baseline) / scale;
        return lowerIsBetter() ? delta : -delta;
    }
}
