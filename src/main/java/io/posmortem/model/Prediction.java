package io.posmortem.model;

/**
 * What a subject's mechanism predicts for one capability (prediction layer): the outcome at
 * context lengths from {@code fromTokens} on (and, for a degradation, no change below it).
 */
public record Prediction(
        String subject,
        String build,
        String capability,
        Outcome outcome,
        int fromTokens,
        int toTokens,
        Trend trend) implements BuildScoped {}
