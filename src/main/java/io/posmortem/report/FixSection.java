package io.posmortem.report;

import io.posmortem.model.derived.Finding;
import io.posmortem.model.derived.FixCheck;
import io.posmortem.model.derived.FixEffect;
import io.posmortem.model.derived.FixNotApplicable;
import io.posmortem.model.derived.FixRejection;
import io.posmortem.model.derived.FixRisk;
import io.posmortem.model.derived.Recommendation;
import io.posmortem.model.knowledge.EngineSetting;
import io.posmortem.model.knowledge.FixOption;
import io.posmortem.model.FixVerification;
import io.posmortem.model.knowledge.Reference;
import io.posmortem.model.knowledge.ServingEngine;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.knowledge.SubjectRole;
import io.posmortem.run.BuildRun;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixes of a build: the recommended ones by rank (ties by fix id), each with how it was
 * verified; a numeric fix with its concrete parameters, its own findings and what it does to each
 * observation, an instruction with its check and the settings for the build's engine (every
 * engine's when the build names none the fix has a setting for); the rejected ones with why; and
 * the instructions whose preconditions the build does not report.
 */
final class FixSection {
    private final Trace trace;
    private final BuildRun run;
    private final Map<String, FixOption> fixes;
    private final Map<String, ServingEngine> engines;
    private final Map<String, Reference> references;
    private final Map<String, Subject> subjects = new LinkedHashMap<>();

    FixSection(BuildRun run, Map<String, FixOption> fixes, Map<String, ServingEngine> engines, Map<String, Reference> references) {
        this.trace = run.trace();
        this.run = run;
        this.fixes = fixes;
        this.engines = engines;
        this.references = references;
        for (Subject s : run.evidence().subjects()) if (s.role() == SubjectRole.FIX) subjects.put(s.fix(), s);
    }

    List<RecommendationView> recommendations() {
        List<RecommendationView> out = new ArrayList<>();
        List<Recommendation> recs = new ArrayList<>(trace.liveOfBuild(Recommendation.class));
        recs.sort(Comparator.comparingInt(Recommendation::rank).thenComparing(Recommendation::fix));
        String engine = run.evidence().buildCase() == null ? null : run.evidence().buildCase().engine();
        for (Recommendation r : recs) {
            FixOption fix = fixes.get(r.fix());
            if (r.verification() == FixVerification.INSTRUCTION) {
                out.add(new RecommendationView(fix.id(), fix.title(), r.rank(), r.verification().wireName(),
                        "check-and-change: not verifiable from the numbers; after the change check: " + fix.check(),
                        fix.summary(), fix.caveat(), Map.of(), null, List.of(), List.of(), fix.check(), engine,
                        settings(fix, engine), TraceText.explain(trace, r)));
                continue;
            }
            Subject subject = subjects.get(r.fix());
            List<FixCheck> fixChecks = trace.liveOfBuild(FixCheck.class).stream().filter(c -> c.fix().equals(r.fix())).toList();
            List<String> checks = fixChecks.stream().map(c -> TraceText.explain(trace, c)).toList();
            out.add(new RecommendationView(fix.id(), fix.title(), r.rank(), r.verification().wireName(), verifiedBy(fixChecks),
                    fix.summary(), fix.caveat(), SubjectParameters.of(subject, run.evidence()),
                    SubjectParameters.ropeScaling(subject, run.evidence()), findingTexts(subject.id()), checks, null, engine, List.of(),
                    TraceText.explain(trace, r)));
        }
        return out;
    }

    /** Why the concluded cause's check-and-change fixes were not recommended: the preconditions the build does not report. */
    List<String> notApplicable() {
        return trace.liveOfBuild(FixNotApplicable.class).stream().sorted(Comparator.comparing(FixNotApplicable::fix)
                .thenComparing(FixNotApplicable::fact)).map(n -> TraceText.explain(trace, n)).distinct().toList();
    }

    List<RejectedFixView> rejected() {
        List<RejectedFixView> out = new ArrayList<>();
        for (FixRejection r : trace.liveOfBuild(FixRejection.class)) {
            out.add(new RejectedFixView(r.fix(), fixes.get(r.fix()).title(), SubjectParameters.of(subjects.get(r.fix()), run.evidence()),
                    failures(r.fix())));
        }
        return out;
    }

    /** "verified: its numbers restore A and B and keep C", from the fix's checks (capabilities in check order, once each). */
    static String verifiedBy(List<FixCheck> checks) {
        Set<String> restores = new LinkedHashSet<>();
        Set<String> keeps = new LinkedHashSet<>();
        for (FixCheck c : checks) {
            if (c.effect() == FixEffect.RESTORES) restores.add(c.capability());
            else if (c.effect() == FixEffect.KEEPS) keeps.add(c.capability());
        }
        String out = "verified: its numbers restore " + (restores.isEmpty() ? "every degraded observation" : and(restores));
        return out + (keeps.isEmpty() ? "" : ", and keep " + and(keeps)) + ", with no degradation of their own up to the target length";
    }

    /** "a", "a and b", "a, b and c". */
    private static String and(Set<String> items) {
        List<String> list = List.copyOf(items);
        if (list.size() == 1) return list.get(0);
        return String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
    }

    /** The fix's settings for {@code engine} when it has any, else every engine's, in file order. */
    private List<RecommendationView.SettingView> settings(FixOption fix, String engine) {
        List<EngineSetting> chosen = fix.settings().stream().filter(s -> s.engine().equals(engine)).toList();
        if (chosen.isEmpty()) chosen = fix.settings();
        return chosen.stream().map(s -> new RecommendationView.SettingView(s.engine(), engines.containsKey(s.engine())
                ? engines.get(s.engine()).name() : s.engine(), s.change(), s.check(), s.reference(),
                references.containsKey(s.reference()) ? references.get(s.reference()).url() : null)).toList();
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
