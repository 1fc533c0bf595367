package io.posmortem.report;

import java.util.List;

/** One series of a plot the HTML report draws (relative-bias charts; the RoPE chart uses the evidence arrays). */
public record ChartView(String chart, String series, String unit, List<Double> x, List<Double> y) {}
