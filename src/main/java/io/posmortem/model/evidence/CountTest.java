package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * The statistical reading of an observation's counts against its baseline.
 *
 * @param test          the test used ({@code fisher-exact-two-sided})
 * @param rate          successes / trials of the build
 * @param rateLow       Wilson interval bounds of {@code rate} at confidence {@code 1 - alpha}
 * @param baselineRate  successes / trials of the baseline
 * @param pValue        two-sided p-value of "the build's success rate equals the baseline's"
 * @param outcome       DEGRADED or IMPROVED when significant at {@code alpha}, INCONCLUSIVE otherwise
 * @param strength      the weight multiplier this evidence earns, in (0, 1]
 */
public record CountTest(
        String build,
        String observation,
        String capability,
        String test,
        int successes,
        int trials,
        int baselineSuccesses,
        int baselineTrials,
        double rate,
        double rateLow,
        double rateHigh,
        double baselineRate,
        double baselineLow,
        double baselineHigh,
        double pValue,
        double alpha,
        Outcome outcome,
        double strength) implements BuildScoped {}
