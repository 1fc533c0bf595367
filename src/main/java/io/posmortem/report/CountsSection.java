package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.WireName;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.evidence.CountTest;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistical reading of the observations: each observation with its outcome, each counted
 * observation's test (rates with their intervals, p-value, and the trend fitted across its bands)
 * and each metric observation's relative change. Numbers rounded by {@link Numbers#round}.
 */
final class CountsSection {
    private CountsSection() {}

    static List<ObservationView> observations(BuildEvidence evidence) {
        return evidence.observations().stream().map(o -> new ObservationView(o.id(), o.capability(), o.fromTokens(), o.toTokens(),
                WireName.of(o.outcome()), o.onset(), WireName.of(o.trend()), Numbers.round(o.strength()), o.source())).toList();
    }

    /** The trend reads "{trend} (slope {slope} per doubling, p {p})", or is null when no band trend covers the observation. */
    static List<CountTestView> countTests(BuildEvidence evidence) {
        List<CountTestView> out = new ArrayList<>();
        for (CountTest t : evidence.countTests()) {
            String trend = evidence.bandTrends().stream().filter(b -> b.observations().contains(t.observation()))
                    .findFirst().map(b -> WireName.of(b.trend()) + " (slope " + Numbers.format(b.slope()) + " per doubling, p "
                            + Numbers.format(b.pValue()) + ")").orElse(null);
            out.add(new CountTestView(t.observation(), t.capability(), t.test(), t.successes() + "/" + t.trials(),
                    t.baselineSuccesses() + "/" + t.baselineTrials(), Numbers.round(t.rate()),
                    new double[] {Numbers.round(t.rateLow()), Numbers.round(t.rateHigh())}, Numbers.round(t.baselineRate()),
                    new double[] {Numbers.round(t.baselineLow()), Numbers.round(t.baselineHigh())}, Numbers.round(t.pValue()),
                    t.alpha(), WireName.of(t.outcome()), Numbers.round(t.strength()), trend));
        }
        return List.copyOf(out);
    }

    static List<MetricTestView> metricTests(BuildEvidence evidence) {
        return evidence.metricTests().stream().map(t -> new MetricTestView(t.observation(), t.capability(), t.metric(),
                Numbers.round(t.value()), Numbers.round(t.baseline()), Numbers.round(t.relativeWorsening()), t.minChange(),
                WireName.of(t.outcome()), Numbers.round(t.strength()))).toList();
    }

    /** What the model loader reported (generation, factor, attention factor, context it corrected for). */
    static List<LoaderReadingView> loaderReadings(BuildEvidence evidence) {
        return evidence.loaderReadings().stream().map(l -> new LoaderReadingView(l.generation(), Numbers.round(l.factor()),
                Numbers.round(l.attentionFactor()), l.correctionContext())).toList();
    }
}
