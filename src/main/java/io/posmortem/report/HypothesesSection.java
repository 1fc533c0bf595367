package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.WireName;
import io.posmortem.model.derived.Belief;
import io.posmortem.model.derived.HypothesisStatus;
import io.posmortem.model.derived.Support;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every hypothesis the rules hold a belief in, most certain first (ties by id), each with its
 * standing ({@code unranked} when no rule ranked it) and the supports for and against it, the
 * heaviest (by absolute weight) first, then by rule and observation.
 */
final class HypothesesSection {
    private HypothesesSection() {}

    /** The build's beliefs in report order: certainty descending, then hypothesis id. */
    static List<Belief> beliefs(Trace trace) {
        List<Belief> beliefs = new ArrayList<>(trace.liveOfBuild(Belief.class));
        beliefs.sort(Comparator.comparingDouble(Belief::certainty).reversed().thenComparing(Belief::hypothesis));
        return beliefs;
    }

    /** @param title a hypothesis id's display title */
    static List<HypothesisView> build(Trace trace, Function<String, String> title) {
        Map<String, String> standing = new LinkedHashMap<>();
        for (HypothesisStatus s : trace.liveOfBuild(HypothesisStatus.class)) standing.put(s.hypothesis(), WireName.of(s.standing()));
        List<Support> supports = new ArrayList<>(trace.liveOfBuild(Support.class));
        supports.sort(Comparator.comparingDouble((Support s) -> -Math.abs(s.weight())).thenComparing(Support::rule)
                .thenComparing(Support::observation));
        List<HypothesisView> hypotheses = new ArrayList<>();
        for (Belief b : beliefs(trace)) {
            List<Reason> pro = new ArrayList<>();
            List<Reason> con = new ArrayList<>();
            for (Support s : supports) {
                if (!s.hypothesis().equals(b.hypothesis())) continue;
                (s.weight() >= 0 ? pro : con).add(TraceText.reason(trace, s));
            }
            hypotheses.add(new HypothesisView(b.hypothesis(), title.apply(b.hypothesis()), Numbers.round(b.certainty()),
                    Numbers.round(b.belief()), Numbers.round(b.disbelief()), standing.getOrDefault(b.hypothesis(), "unranked"),
                    pro, con));
        }
        return hypotheses;
    }

    /** The same hypotheses without their reasons ({@code supporting} and {@code opposing} null), for a summary report. */
    static List<HypothesisView> withoutReasons(List<HypothesisView> hypotheses) {
        return hypotheses.stream().map(h -> new HypothesisView(h.id(), h.title(), h.score(), h.belief(), h.disbelief(), h.status(), null, null)).toList();
    }
}
