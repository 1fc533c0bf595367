package io.posmortem.report;

import io.posmortem.knowledge.SubjectPlan;
import io.posmortem.model.derived.Finding;
import io.posmortem.model.derived.FixCheck;
import io.posmortem.model.derived.FixVerified;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.knowledge.SubjectRole;
import io.posmortem.run.BuildRun;
import io.posmortem.trace.Trace;
import java.util.List;

/**
 * The what-if subject against the mapping of the diagnosis (or, with no diagnosis or a "none"
 * diagnosis, the leading hypothesis): the findings of each, which disappear and which appear,
 * and the checks of the alternative. Null when the build has no what-if.
 */
final class WhatIfSection {
    private WhatIfSection() {}

    static WhatIfView build(BuildRun run, DiagnosisView diagnosis, List<HypothesisView> hypotheses) {
        Trace trace = run.trace();
        Subject alt = run.evidence().subjects().stream().filter(s -> SubjectPlan.WHAT_IF.equals(s.fix())).findFirst().orElse(null);
        if (alt == null || run.spec().whatIfBlock() == null) return null;
        String against = diagnosis != null && !"none".equals(diagnosis.hypothesis()) ? diagnosis.hypothesis()
                : hypotheses.isEmpty() ? null : hypotheses.get(0).id();
        Subject current = run.evidence().subjects().stream().filter(s -> s.role() == SubjectRole.CANDIDATE && s.hypothesis().equals(against))
                .findFirst().orElse(null);
        List<Finding> now = current == null ? List.of() : trace.live(Finding.class).stream().filter(f -> f.subject().equals(current.id())).toList();
        List<Finding> then = trace.live(Finding.class).stream().filter(f -> f.subject().equals(alt.id())).toList();
        List<String> nowIds = now.stream().map(Finding::id).distinct().toList();
        List<String> thenIds = then.stream().map(Finding::id).distinct().toList();
        List<FixCheck> checks = trace.live(FixCheck.class).stream().filter(c -> c.fix().equals(SubjectPlan.WHAT_IF)).toList();
        boolean verified = trace.live(FixVerified.class).stream().anyMatch(v -> v.fix().equals(SubjectPlan.WHAT_IF));
        return new WhatIfView(run.spec().whatIfBlock(), against, now.stream().map(f -> TraceText.explain(trace, f)).toList(),
                then.stream().map(f -> TraceText.explain(trace, f)).toList(), nowIds.stream().filter(id -> !thenIds.contains(id)).toList(),
                thenIds.stream().filter(id -> !nowIds.contains(id)).toList(), checks.stream().map(c -> TraceText.explain(trace, c)).toList(),
                verified);
    }
}
