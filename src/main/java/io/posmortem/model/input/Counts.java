package io.posmortem.model.input;

/**
 * Measured successes out of trials for a build, and optionally for the baseline
 * (baseline fields are {@code null} when not given).
 */
public record Counts(int successes, int trials, Integer baselineSuccesses, Integer baselineTrials) {}
