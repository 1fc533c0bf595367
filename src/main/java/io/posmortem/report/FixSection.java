package io.posmortem.report;

import io.posmortem.model.derived.Finding;
import io.posmortem.model.derived.FixCheck;
import io.posmortem.model.derived.FixEffect;
import io.posmortem.model.derived.FixRejection;
import io.posmortem.model.derived.FixRisk;
import io.posmortem.model.derived.Recommendation;
import io.posmortem.model.knowledge.FixOption;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.knowledge.SubjectRole;
import io.posmortem.run.BuildRun;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixes of a build: the recommended ones by rank (ties by fix id), each with its concrete
 * parameters, its own findings and what it does to each observation; and the rejected ones with
 * why.
 */
final class FixSection {
    private final Trace trace;
    private final BuildRun run;
    private final Map<String, FixOption> fixes;
    private final Map<String, Subject> subjects = new LinkedHashMap<>();

    FixSection(BuildRun run, Map<String, FixOption> fixes) {
        this.trace = run.trace();
        this.run = run;
        this.fixes = fixes;
        for (Subject s : run.evidence().subjects()) if (s.role() == SubjectRole.FIX) subjects.put(s.fix(), s);
    }

    List<RecommendationView> recommendations() {
        List<RecommendationView> out = new ArrayList<>();
        List<Recommendation> recs = new ArrayList<>(trace.liveOfBuild(Recommendation.class));
        recs.sort(Comparator.comparingInt(Recommendation::rank).thenComparing(Recommendation::fix));
        for (Recommendation r : recs) {
            FixOption fix = fixes.get(r.fix());
            Subject subject = subjects.get(r.fix());
            List<String> checks = trace.liveOfBuild(FixCheck.class).stream().filter(c -> c.fix().equals(r.fix()))
                    .map(c -> TraceText.explain(trace, c)).toList();
            out.add(new RecommendationView(fix.id(), fix.title(), r.rank(), fix.summary(), fix.caveat(),
                    SubjectParameters.of(subject, run.evidence()), SubjectParameters.ropeScaling(subject, run.evidence()),
                    findingTexts(subject.id()), checks, TraceText.explain(trace, r)));
        }
        return out;
    }

    List<RejectedFixView> rejected() {
        List<RejectedFixView> out = new ArrayList<>();
        for (FixRejection r : trace.liveOfBuild(FixRejection.class)) {
            out.add(new RejectedFixView(r.fix(), fixes.get(r.fix()).title(), SubjectParameters.of(subjects.get(r.fix()), run.evidence()),
                    failures(r.fix())));
        }
        return out;
    }

    private List<String> findingTexts(String subject) {
        return trace.live(Finding.class).stream().filter(f -> f.subject().equals(subject)).map(f -> TraceText.explain(trace, f)).toList();
    }

    /**
     * Why a fix was rejected: the checks it failed (breaks, leaves degraded, unproven) and its own
     * predicted degradations inside the target window; a risk on a capability a failed check
     * already names is not repeated.
     */
    private List<String> failures(String fix) {
        List<String> failures = new ArrayList<>();
        List<FixCheck> failed = trace.live(FixCheck.class).stream().filter(c -> c.fix().equals(fix))
                .filter(c -> c.effect() != FixEffect.RESTORES && c.effect() != FixEffect.KEEPS).toList();
        failed.forEach(c -> failures.add(TraceText.explain(trace, c)));
        for (FixRisk r : trace.live(FixRisk.class)) {
            boolean covered = failed.stream().anyMatch(c -> c.capability().equals(r.capability()));
            if (r.fix().equals(fix) && !covered) failures.add(TraceText.explain(trace, r));
        }
        return failures.stream().distinct().toList();
    }
}
