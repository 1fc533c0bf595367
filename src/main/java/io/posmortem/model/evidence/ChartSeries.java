package io.posmortem.model.evidence;

import java.util.List;

/**
 * Points the evidence engine computes for the report's plots only (not a rule fact): one series of
 * one chart of a build, e.g. a bias design's penalty against distance.
 *
 * @param chart  {@code bias-vs-distance} or {@code early-span-share}
 * @param series what the series shows (e.g. {@code alibi gentlest head})
 */
public record ChartSeries(String build, String chart, String series, String unit, List<Double> x, List<Double> y) {}
