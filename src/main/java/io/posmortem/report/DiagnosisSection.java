package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.WireName;
import io.posmortem.model.derived.Diagnosis;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.trace.Trace;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to the build's question: the rules' {@link Diagnosis} of that question with the
 * supporting reasons of its hypothesis. A diagnosis of a hypothesis the knowledge base does not
 * list is the "no fault" answer (confidence 0). Null when the rules did not decide the question.
 */
final class DiagnosisSection {
    private DiagnosisSection() {}

    /** @param floor the candidate floor: hypotheses at or below it in certainty are not named as candidates */
    static DiagnosisView build(Trace trace, String question, List<HypothesisView> hypotheses, Map<String, RootCause> causes, double floor) {
        Optional<Diagnosis> found = trace.liveOfBuild(Diagnosis.class).stream().filter(d -> d.question().equals(question)).findFirst();
        if (found.isEmpty()) return null;
        Diagnosis d = found.get();
        List<Reason> because = hypotheses.stream().filter(h -> h.id().equals(d.hypothesis()))
                .findFirst().map(HypothesisView::supporting).orElse(List.of());
        RootCause cause = causes.get(d.hypothesis());
        if (cause == null) {
            return new DiagnosisView(d.hypothesis(), "no fault", 0, WireName.of(d.verdict()),
                    "No observation shows a degradation.", TraceText.explain(trace, d), null, List.of(), List.of());
        }
        List<CandidateView> candidates = hypotheses.stream()
                .filter(h -> h.score() > floor && question.equals(causes.get(h.id()).question()))
                .map(h -> new CandidateView(h.id(), h.title(), h.score(), h.status())).toList();
        // A cause's check is given only for a cause the verdict names (a candidate above the floor).
        boolean named = candidates.stream().anyMatch(c -> c.hypothesis().equals(d.hypothesis()));
        return new DiagnosisView(d.hypothesis(), cause.title(), Numbers.round(d.confidence()),
                WireName.of(d.verdict()), cause.summary(), TraceText.explain(trace, d), cause.positional() || !named ? null : cause.check(), because,
                candidates);
    }
}
