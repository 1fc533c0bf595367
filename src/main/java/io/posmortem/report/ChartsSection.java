package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.evidence.BuildEvidence;
import java.util.List;

/** The chart series the evidence stage computed, coordinates rounded by {@link Numbers#round}. */
final class ChartsSection {
    private ChartsSection() {}

    static List<ChartView> build(BuildEvidence evidence) {
        return evidence.charts().stream().map(c -> new ChartView(c.chart(), c.series(), c.unit(),
                c.x().stream().map(Numbers::round).toList(), c.y().stream().map(Numbers::round).toList())).toList();
    }
}
