package io.posmortem.report;

import io.posmortem.model.derived.RunnerUp;
import io.posmortem.model.derived.StatedReadingRejected;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stated retrofit's literal reading when it is not the leading hypothesis, then (when the
 * question was decided) the runner-up: each with what its mechanism cannot do and the evidence
 * against it. An undecided runner-up is a co-leader, not a loser, so it is not listed.
 */
final class WhyNotSection {
    private WhyNotSection() {}

    /** @param statedReading the hypothesis the retrofit literally states, or null */
    static List<WhyNotView> build(Trace trace, String statedReading, String question, DiagnosisView diagnosis,
                                  List<HypothesisView> hypotheses, Map<String, RootCause> causes) {
        String leader = diagnosis == null ? null : diagnosis.hypothesis();
        List<String> chosen = new ArrayList<>();
        boolean statedAsked = statedReading != null && causes.get(statedReading).question().equals(question);
        if (statedAsked && !statedReading.equals(leader)) chosen.add(statedReading);
        for (RunnerUp r : trace.liveOfBuild(RunnerUp.class)) {
            if (!chosen.contains(r.hypothesis())) chosen.add(r.hypothesis());
        }
        List<WhyNotView> out = new ArrayList<>();
        for (String h : chosen) {
            HypothesisView view = hypotheses.stream().filter(v -> v.id().equals(h)).findFirst().orElse(null);
            if (view == null) continue;
            boolean isStated = statedAsked && h.equals(statedReading);
            String conclusion = isStated ? trace.liveOfBuild(StatedReadingRejected.class).stream().findFirst()
                    .map(r -> TraceText.explain(trace, r)).orElse(null) : null;
            out.add(new WhyNotView(h, view.title(), view.score(), view.status(), isStated, causes.get(h).whyNot(),
                    conclusion, view.opposing()));
        }
        return out;
    }
}
