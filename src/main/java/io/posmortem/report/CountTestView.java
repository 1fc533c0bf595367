package io.posmortem.report;

/**
 * How an observation's counts were read: the test, both rates with their Wilson intervals, the
 * p-value against the significance level, the outcome it decided and the strength it gave the
 * observation's supports. {@code trend} is set when a trend was fitted across bands.
 */
public record CountTestView(
        String observation,
        String capability,
        String test,
        String counts,
        String baseline,
        double rate,
        double[] rateInterval,
        double baselineRate,
        double[] baselineInterval,
        double pValue,
        double alpha,
        String outcome,
        double strength,
        String trend) {}
