package io.posmortem.model.evidence;

import java.util.List;

/**
 * Points the evidence engine computes for the report's plots only (not a rule fact): one series of
 * one chart of a build, e.g. a bias design's penalty against distance.
 *
 * @param chart  {@code bias-vs-distance}, {@code early-span-share}, {@code angle-error-vs-position},
 *               {@code attended-span-vs-position} or {@code truncation-window} (docs/json-reference.md)
 * @param series what the series shows (e.g. {@code ALiBi head 32 (slope 0.00391)})
 */
public record ChartSeries(String build, String chart, String series, String unit, List<Double> x, List<Double> y) {}
