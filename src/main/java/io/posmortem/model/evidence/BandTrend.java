package io.posmortem.model.evidence;

import io.posmortem.model.*;

import java.util.List;

/**
 * A trend fitted across the context bands of one capability's counted observations: the drop in
 * success rate against the baseline, regressed on log2 of the band's midpoint.
 *
 * @param slope  change of the drop per doubling of the context (positive: worse with length)
 * @param pValue p-value of the slope (t test, n - 2 degrees of freedom)
 * @param trend  WORSENS when the slope is positive and significant, STABLE otherwise
 */
public record BandTrend(
        String build,
        String capability,
        List<String> observations,
        double slope,
        double pValue,
        Trend trend) implements BuildScoped {}
