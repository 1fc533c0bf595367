package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * What a subject's mechanism predicts for one capability (prediction layer): the outcome at
 * context lengths from {@code fromTokens} to {@code toTokens} (for a degradation, no change below
 * {@code fromTokens}).
 *
 * @param strength    how firmly the numbers predict it, in (0, 1] (the strength of the finding it
 *                    rests on, lowered where the mechanism's effect is partial); it scales the
 *                    weight of every support the prediction gives
 * @param onsetUntil  for a degradation with an onset: the latest context length the onset may lie
 *                    at (a mechanism whose onset depends on what the runtime keeps, e.g. a
 *                    truncation that keeps about half the window); equal to {@code fromTokens} otherwise
 */
public record Prediction(
        String subject,
        String build,
        String capability,
        Outcome outcome,
        int fromTokens,
        int toTokens,
        Trend trend,
        double strength,
        int onsetUntil) implements BuildScoped {

    /** A prediction at full strength with a single onset. */
    public Prediction(String subject, String build, String capability, Outcome outcome, int fromTokens, int toTokens, Trend trend) {
        this(subject, build, capability, outcome, fromTokens, toTokens, trend, 1.0, fromTokens);
    }

    /** The lengths the prediction covers, in words: "at every length", "up to 4,096 tokens", "from 4,097 tokens". */
    public String span() {
        boolean open = toTokens == Integer.MAX_VALUE;
        if (fromTokens <= 0) return open ? "at every length" : "up to " + Numbers.format(toTokens) + " tokens";
        return open ? "from " + Numbers.format(fromTokens) + " tokens" : "at " + Numbers.format(fromTokens) + "-" + Numbers.format(toTokens) + " tokens";
    }

    /** A prediction with a single onset. */
    public Prediction(String subject, String build, String capability, Outcome outcome, int fromTokens, int toTokens, Trend trend,
                      double strength) {
        this(subject, build, capability, outcome, fromTokens, toTokens, trend, strength, fromTokens);
    }
}
