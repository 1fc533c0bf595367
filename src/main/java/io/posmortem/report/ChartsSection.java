package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.Outcome;
import io.posmortem.model.derived.Prediction;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The chart series the evidence stage computed, coordinates rounded by {@link Numbers#round}, and the predicted onsets. */
final class ChartsSection {
    private ChartsSection() {}

    /** The chart name of the predicted-onset series. */
    static final String PREDICTED_ONSET = "predicted-onset";

    static List<ChartView> build(BuildEvidence evidence) {
        return evidence.charts().stream().map(c -> new ChartView(c.chart(), c.series(), c.unit(),
                c.x().stream().map(Numbers::round).toList(), c.y().stream().map(Numbers::round).toList())).toList();
    }

    /**
     * One {@code predicted-onset} series per diagnosed or leading hypothesis whose candidate the
     * prediction layer gave a degradation: {@code x} the shortest context length from which it
     * predicts one ({@link Prediction#fromTokens()}, computed by the rules from the evidence
     * stage's numbers: where slow pairs leave their trained angles, an ALiBi penalty passes its
     * reach, T5 buckets saturate, the runtime's window cuts; 0 for a degradation at every length),
     * {@code y} the strength of that prediction. Hypotheses in report order; none without a
     * degradation predicted.
     */
    static List<ChartView> predictedOnsets(Trace trace, List<HypothesisView> hypotheses) {
        Map<String, Prediction> earliest = new TreeMap<>();
        for (Prediction p : trace.liveOfBuild(Prediction.class)) {
            if (p.outcome() != Outcome.DEGRADED) continue;
            earliest.merge(p.subject(), p, (a, b) -> b.fromTokens() < a.fromTokens()
                    || (b.fromTokens() == a.fromTokens() && b.strength() > a.strength()) ? b : a);
        }
        List<ChartView> out = new ArrayList<>();
        for (HypothesisView h : hypotheses) {
            if (!h.status().equals("diagnosed") && !h.status().equals("leading")) continue;
            Prediction p = earliest.get(Subject.candidateId(trace.build(), h.id()));
            if (p == null) continue;
            out.add(new ChartView(PREDICTED_ONSET, h.id(), "tokens", List.of((double) Math.max(0, p.fromTokens())),
                    List.of(Numbers.round(p.strength()))));
        }
        return out;
    }
}
