package io.posmortem.report;

/**
 * An observation as the evidence stage assessed it.
 *
 * @param outcome  the outcome used (from its count test when it has counts and a baseline)
 * @param strength the multiplier its supports carry
 */
public record ObservationView(
        String id,
        String capability,
        int fromTokens,
        int toTokens,
        String outcome,
        int onset,
        String trend,
        double strength) {}
