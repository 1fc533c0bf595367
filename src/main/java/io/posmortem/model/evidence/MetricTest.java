package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * What a metric observation says: its relative change against the baseline, the outcome that
 * change decides ({@code stats.metric-min-change}) and the strength it gives the evidence.
 */
public record MetricTest(
        String build,
        String observation,
        String capability,
        String metric,
        double value,
        double baseline,
        double relativeWorsening,
        double minChange,
        Outcome outcome,
        double strength) implements BuildScoped {}
