package io.posmortem.report;

/**
 * An observation as the evidence stage assessed it.
 *
 * @param outcome  the outcome used (from its count test when it has counts and a baseline)
 * @param strength the multiplier its supports carry
 * @param source   the eval-results file, task and metric an imported observation came from, or null
 */
public record ObservationView(
        String id,
        String capability,
        int fromTokens,
        int toTokens,
        String outcome,
        int onset,
        String trend,
        double strength,
        io.posmortem.model.input.ObservationSource source) {

    /** " (from FILE, TASK, METRIC)" for an imported observation, else empty: the text and Markdown report lines end with it. */
    public String sourceSuffix() {
        return source == null ? "" : " (from " + source.describe() + ")";
    }
}
