package io.posmortem.intake.results;

import io.posmortem.model.input.ObservationSource;

/**
 * An observation {@code import} writes into a symptom file: one task at one context length, as
 * counts against the baseline's counts, or as a metric against the baseline's value.
 *
 * @param id         the observation id (task, depth class and length)
 * @param workload   the task (and needle depth class) as a workload
 * @param capability the capability the task map gives the task
 * @param length     the context length: the band is {@code length-length}
 * @param successes  counts: samples right; null for a metric
 * @param trials     counts: samples in all
 * @param baselineSuccesses the baseline's samples right
 * @param baselineTrials    the baseline's samples in all
 * @param metric     metric name ({@code perplexity}, {@code loss}, {@code score}, {@code accuracy}); null for counts
 * @param value      the metric's value on the build
 * @param baseline   the metric's value on the baseline
 * @param note       how the numbers were obtained and what the baseline is
 * @param source     file, task and metric read
 */
public record ImportedObservation(String id, String workload, String capability, int length, Integer successes, Integer trials,
                                  Integer baselineSuccesses, Integer baselineTrials, String metric, Double value, Double baseline,
                                  String note, ObservationSource source) {}
