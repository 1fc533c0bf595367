package io.posmortem.report;

import io.posmortem.model.derived.RunnerUp;
import io.posmortem.model.derived.StatedReadingRejected;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Why not: the stated retrofit's literal reading when the rules rejected it
 * ({@link StatedReadingRejected}: the evidence rejects the reading, and the verdict is not no-fault), then the runner-up the rules named ({@link RunnerUp}: behind a decided or
 * undecided leader, or the least contradicted answer when nothing fits), each with what its
 * mechanism cannot do, the conclusion rule's sentence and the evidence against it. A literal
 * reading that co-leads, or any reading in a no-fault build, is never listed as rejected.
 */
final class WhyNotSection {
    private WhyNotSection() {}

    static List<WhyNotView> build(Trace trace, String question, List<HypothesisView> hypotheses, Map<String, RootCause> causes) {
        Map<String, String> conclusions = new LinkedHashMap<>();
        Set<String> stated = new HashSet<>();
        for (StatedReadingRejected r : trace.liveOfBuild(StatedReadingRejected.class)) {
            if (!question.equals(causes.get(r.stated()).question())) continue;
            stated.add(r.stated());
            conclusions.putIfAbsent(r.stated(), TraceText.explain(trace, r));
        }
        for (RunnerUp r : trace.liveOfBuild(RunnerUp.class)) conclusions.putIfAbsent(r.hypothesis(), TraceText.explain(trace, r));
        List<WhyNotView> out = new ArrayList<>();
        for (Map.Entry<String, String> e : conclusions.entrySet()) {
            String h = e.getKey();
            HypothesisView view = hypotheses.stream().filter(v -> v.id().equals(h)).findFirst().orElse(null);
            if (view == null) continue;
            out.add(new WhyNotView(h, view.title(), view.score(), view.status(), stated.contains(h), causes.get(h).whyNot(),
                    e.getValue(), view.opposing()));
        }
        return out;
    }
}
