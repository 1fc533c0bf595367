package io.posmortem.report;

/**
 * How a metric observation was read: the metric, the build's and the baseline's value, the
 * relative worsening (positive when worse, whichever direction the metric improves in), the change
 * that counts, the outcome it decided and the strength it gave the observation's supports.
 */
public record MetricTestView(
        String observation,
        String capability,
        String metric,
        double value,
        double baseline,
        double relativeWorsening,
        double minChange,
        String outcome,
        double strength) {}
