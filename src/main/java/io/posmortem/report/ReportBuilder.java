package io.posmortem.report;

import io.posmortem.run.TriageRun;
import io.posmortem.run.BuildRun;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.SubjectPlan;
import io.posmortem.model.AlibiProfile;
import io.posmortem.model.AlibiSpec;
import io.posmortem.model.Assumption;
import io.posmortem.model.Belief;
import io.posmortem.model.BucketProfile;
import io.posmortem.model.BucketSpec;
import io.posmortem.model.BuildCase;
import io.posmortem.model.BuildSpec;
import io.posmortem.model.ConfigIssue;
import io.posmortem.model.CountTest;
import io.posmortem.model.Diagnosis;
import io.posmortem.model.Discriminator;
import io.posmortem.model.DistanceBand;
import io.posmortem.model.Finding;
import io.posmortem.model.FixCheck;
import io.posmortem.model.FixEffect;
import io.posmortem.model.FixOption;
import io.posmortem.model.FixRejection;
import io.posmortem.model.FixRisk;
import io.posmortem.model.FixVerified;
import io.posmortem.model.HypothesisStatus;
import io.posmortem.model.Problem;
import io.posmortem.model.Recommendation;
import io.posmortem.model.RunnerUp;
import io.posmortem.model.RetrofitKind;
import io.posmortem.model.RootCause;
import io.posmortem.model.RopeMapping;
import io.posmortem.model.RopeProfile;
import io.posmortem.model.RotaryPair;
import io.posmortem.model.StatedReadingRejected;
import io.posmortem.model.Subject;
import io.posmortem.model.SubjectRole;
import io.posmortem.model.Support;
import io.posmortem.model.SymptomFile;
import io.posmortem.model.Unchecked;
import io.posmortem.model.UncheckedNote;
import io.posmortem.model.WireName;
import io.posmortem.trace.FactEntry;
import io.posmortem.trace.Firing;
import io.posmortem.model.Numbers;
import io.posmortem.trace.RuleInfo;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the {@link Report} of a triage run. Everything concluded comes from live facts in the
 * trace; every sentence is a rule's explanation filled with the values that rule compared; the
 * knowledge base supplies titles and summaries. Nothing here decides anything.
 */
public final class ReportBuilder {

    private final KnowledgeBase kb;
    private final String version;
    private final String rulesFingerprint;

    public ReportBuilder(KnowledgeBase kb, String rulesFingerprint, String version) {
        this.kb = kb;
        this.version = version;
        this.rulesFingerprint = rulesFingerprint;
    }

    public Report diagnosed(TriageRun run) {
        SymptomFile file = run.input();
        List<BuildReport> builds = new ArrayList<>();
        for (int i = 0; i < run.builds().size(); i++) builds.add(build(file, run.builds().get(i), i));
        return new Report("posmortem", version, file.source(), file.sha256(), Report.DIAGNOSED, file.title(),
                kb.fingerprint(), rulesFingerprint, List.copyOf(builds), file.assumptions(), List.of(), null);
    }

    public Report invalid(String input, List<Problem> problems) {
        return new Report("posmortem", version, input, null, Report.INVALID, null, kb.fingerprint(), rulesFingerprint, List.of(), List.of(),
                problems, null);
    }

    public Report failed(String input, List<Problem> problems) {
        return new Report("posmortem", version, input, null, Report.FAILED, null, kb.fingerprint(), rulesFingerprint, List.of(), List.of(),
                problems, null);
    }

    private BuildReport build(SymptomFile file, BuildRun run, int index) {
        Trace trace = run.trace();
        BuildSpec spec = run.spec();
        BuildCase buildCase = run.evidence().buildCase();
        RetrofitKind kind = kb.retrofitKinds().get(buildCase.retrofitKind());
        RetrofitView retrofit = new RetrofitView(kind.id(), kind.title(), kind.loose(), Numbers.round(spec.retrofit().factor()),
                spec.retrofit().newBase(), buildCase.trainedContext(), buildCase.targetContext(), spec.retrofit().description());

        List<Belief> beliefs = new ArrayList<>(trace.liveOfBuild(Belief.class));
        beliefs.sort(Comparator.comparingDouble(Belief::certainty).reversed().thenComparing(Belief::hypothesis));
        String question = beliefs.isEmpty() ? kb.hypotheses().get(kind.candidates().get(0)).question() : beliefs.get(0).question();
        Map<String, String> standing = new LinkedHashMap<>();
        for (HypothesisStatus s : trace.liveOfBuild(HypothesisStatus.class)) standing.put(s.hypothesis(), WireName.of(s.standing()));

        List<Support> supports = new ArrayList<>(trace.liveOfBuild(Support.class));
        supports.sort(Comparator.comparingDouble((Support s) -> -Math.abs(s.weight())).thenComparing(Support::rule)
                .thenComparing(Support::observation));
        List<HypothesisView> hypotheses = new ArrayList<>();
        for (Belief b : beliefs) {
            List<Reason> pro = new ArrayList<>();
            List<Reason> con = new ArrayList<>();
            for (Support s : supports) {
                if (!s.hypothesis().equals(b.hypothesis())) continue;
                (s.weight() >= 0 ? pro : con).add(reason(trace, s));
            }
            hypotheses.add(new HypothesisView(b.hypothesis(), title(b.hypothesis()), Numbers.round(b.certainty()),
                    Numbers.round(b.belief()), Numbers.round(b.disbelief()), standing.getOrDefault(b.hypothesis(), "unranked"),
                    pro, con));
        }

        DiagnosisView diagnosis = null;
        Optional<Diagnosis> found = trace.liveOfBuild(Diagnosis.class).stream().filter(d -> d.question().equals(question)).findFirst();
        if (found.isPresent()) {
            Diagnosis d = found.get();
            List<Reason> because = hypotheses.stream().filter(h -> h.id().equals(d.hypothesis()))
                    .findFirst().map(HypothesisView::supporting).orElse(List.of());
            RootCause cause = kb.hypotheses().get(d.hypothesis());
            diagnosis = cause == null
                    ? new DiagnosisView(d.hypothesis(), "no fault", 0, WireName.of(d.verdict()),
                            "No observation shows a degradation.", explain(trace, d), null, List.of())
                    : new DiagnosisView(d.hypothesis(), title(d.hypothesis()), Numbers.round(d.confidence()),
                            WireName.of(d.verdict()), cause.summary(), explain(trace, d), cause.positional() ? null : cause.check(), because);
        }

        List<WhyNotView> whyNot = whyNot(trace, buildCase, question, diagnosis, hypotheses);

        Map<String, Subject> fixSubjects = new LinkedHashMap<>();
        for (Subject s : run.evidence().subjects()) if (s.role() == SubjectRole.FIX) fixSubjects.put(s.fix(), s);
        List<RecommendationView> recommendations = new ArrayList<>();
        List<Recommendation> recs = new ArrayList<>(trace.liveOfBuild(Recommendation.class));
        recs.sort(Comparator.comparingInt(Recommendation::rank).thenComparing(Recommendation::fix));
        for (Recommendation r : recs) {
            FixOption fix = kb.fixes().get(r.fix());
            Subject subject = fixSubjects.get(r.fix());
            List<String> checks = trace.liveOfBuild(FixCheck.class).stream().filter(c -> c.fix().equals(r.fix()))
                    .map(c -> explain(trace, c)).toList();
            recommendations.add(new RecommendationView(fix.id(), fix.title(), r.rank(), fix.summary(), fix.caveat(),
                    parameters(subject, run), ropeScaling(subject, run), findingTexts(trace, subject.id()), checks, explain(trace, r)));
        }
        List<RejectedFixView> rejected = new ArrayList<>();
        for (FixRejection r : trace.liveOfBuild(FixRejection.class)) {
            Subject subject = fixSubjects.get(r.fix());
            rejected.add(new RejectedFixView(r.fix(), kb.fixes().get(r.fix()).title(), parameters(subject, run),
                    fixFailures(trace, r.fix())));
        }

        List<String> discriminators = trace.liveOfBuild(Discriminator.class).stream().map(d -> explain(trace, d)).distinct().toList();

        List<UncheckedView> unchecked = new ArrayList<>();
        for (Unchecked u : trace.liveOfBuild(Unchecked.class)) {
            RootCause h = kb.hypotheses().get(u.hypothesis());
            List<String> numbers = trace.liveOfBuild(UncheckedNote.class).stream().filter(n -> n.hypothesis().equals(h.id()))
                    .map(n -> explain(trace, n)).toList();
            unchecked.add(new UncheckedView(h.id(), h.title(), h.ask(), numbers));
        }
        unchecked.sort(Comparator.comparing(UncheckedView::hypothesis));

        List<Assumption> assumptions = file.assumptions().stream()
                .filter(a -> a.pointer().startsWith("/model") || a.pointer().startsWith("/builds/" + index + "/")).toList();

        List<ReasoningView.FiringView> firings = new ArrayList<>();
        for (Firing f : trace.firings()) {
            RuleInfo rule = trace.rules().get(f.ruleId());
            firings.add(new ReasoningView.FiringView(f.sequence(), f.ruleId(),
                    rule == null ? "" : rule.layer().name().toLowerCase(Locale.ROOT), rule == null ? "" : rule.file(),
                    rule == null ? 0 : rule.line(), trace.explain(f)));
        }
        ReasoningView reasoning = new ReasoningView(trace.rules().size(), trace.firedRules().size(), firings);

        return new BuildReport(spec.id(), spec.title(), retrofit, question, kb.questions().get(question).text(), diagnosis, whyNot,
                hypotheses, recommendations, rejected, discriminators, List.copyOf(unchecked), configLint(trace),
                whatIf(trace, run, diagnosis, hypotheses),
                run.evidence().loaderReadings().stream().map(l -> new LoaderReadingView(l.generation(), Numbers.round(l.factor()),
                        Numbers.round(l.attentionFactor()), l.correctionContext())).toList(), observations(run), countTests(run), metricTests(run),
                keyNumbers(run), evidence(trace, run), charts(run),
                assumptions, reasoning);
    }

    /**
     * The stated retrofit's literal reading when it is not the leading hypothesis, then (when the
     * question was decided) the runner-up: each with what its mechanism cannot do and the evidence
     * against it. An undecided runner-up is a co-leader, not a loser, so it is not listed.
     */
    private List<WhyNotView> whyNot(Trace trace, BuildCase buildCase, String question, DiagnosisView diagnosis,
                                    List<HypothesisView> hypotheses) {
        String leader = diagnosis == null ? null : diagnosis.hypothesis();
        List<String> chosen = new ArrayList<>();
        String stated = buildCase.statedReading();
        boolean statedAsked = stated != null && kb.hypotheses().get(stated).question().equals(question);
        if (statedAsked && !stated.equals(leader)) chosen.add(stated);
        for (RunnerUp r : trace.liveOfBuild(RunnerUp.class)) {
            if (!chosen.contains(r.hypothesis())) chosen.add(r.hypothesis());
        }
        List<WhyNotView> out = new ArrayList<>();
        for (String h : chosen) {
            HypothesisView view = hypotheses.stream().filter(v -> v.id().equals(h)).findFirst().orElse(null);
            if (view == null) continue;
            boolean isStated = statedAsked && h.equals(stated);
            String conclusion = isStated ? trace.liveOfBuild(StatedReadingRejected.class).stream().findFirst()
                    .map(r -> explain(trace, r)).orElse(null) : null;
            out.add(new WhyNotView(h, view.title(), view.score(), view.status(), isStated, kb.hypotheses().get(h).whyNot(),
                    conclusion, view.opposing()));
        }
        return out;
    }

    private String title(String hypothesis) {
        RootCause h = kb.hypotheses().get(hypothesis);
        return h == null ? hypothesis : h.title();
    }

    /** The explanation of the firing that derived {@code fact}, or "" for an input fact. */
    private static String explain(Trace trace, Object fact) {
        return trace.derivationOf(fact).map(trace::explain).orElse("");
    }

    /** A support with its basis: the explanations of the derived facts it matched, nearest first. */
    private static Reason reason(Trace trace, Support s) {
        Optional<Firing> firing = trace.derivationOf(s);
        List<String> basis = new ArrayList<>();
        firing.ifPresent(f -> collectBasis(trace, f, basis, new LinkedHashSet<>()));
        return new Reason(s.rule(), s.weight(), s.observation(), firing.map(trace::explain).orElse(s.rule()), basis);
    }

    private static void collectBasis(Trace trace, Firing firing, List<String> basis, Set<String> seen) {
        for (String id : firing.matched()) {
            Optional<FactEntry> entry = trace.entry(id);
            if (entry.isEmpty() || entry.get().insertedBy() <= 0 || !seen.add(id)) continue;
            Firing derivation = trace.firings().get(entry.get().insertedBy() - 1);
            basis.add(trace.explain(derivation));
            collectBasis(trace, derivation, basis, seen);
        }
    }

    private static List<String> findingTexts(Trace trace, String subject) {
        return trace.live(Finding.class).stream().filter(f -> f.subject().equals(subject)).map(f -> explain(trace, f)).toList();
    }

    /**
     * Why a fix was rejected: the checks it failed (breaks, leaves degraded, unproven) and its own
     * predicted degradations inside the target window; a risk on a capability a failed check
     * already names is not repeated.
     */
    private static List<String> fixFailures(Trace trace, String fix) {
        List<String> failures = new ArrayList<>();
        List<FixCheck> failed = trace.live(FixCheck.class).stream().filter(c -> c.fix().equals(fix))
                .filter(c -> c.effect() != FixEffect.RESTORES && c.effect() != FixEffect.KEEPS).toList();
        failed.forEach(c -> failures.add(explain(trace, c)));
        for (FixRisk r : trace.live(FixRisk.class)) {
            boolean covered = failed.stream().anyMatch(c -> c.capability().equals(r.capability()));
            if (r.fix().equals(fix) && !covered) failures.add(explain(trace, r));
        }
        return failures.stream().distinct().toList();
    }

    /** The what-if subject against the mapping of the diagnosis (or the leader), when the build has one. */
    private static WhatIfView whatIf(Trace trace, BuildRun run, DiagnosisView diagnosis, List<HypothesisView> hypotheses) {
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
        return new WhatIfView(run.spec().whatIfBlock(), against, now.stream().map(f -> explain(trace, f)).toList(),
                then.stream().map(f -> explain(trace, f)).toList(), nowIds.stream().filter(id -> !thenIds.contains(id)).toList(),
                thenIds.stream().filter(id -> !nowIds.contains(id)).toList(), checks.stream().map(c -> explain(trace, c)).toList(),
                verified);
    }

    private static List<ConfigIssueView> configLint(Trace trace) {
        List<ConfigIssueView> out = new ArrayList<>();
        for (ConfigIssue i : trace.liveOfBuild(ConfigIssue.class)) {
            out.add(new ConfigIssueView(i.id(), i.severity(), i.pointer(), explain(trace, i), i.detail()));
        }
        out.sort(Comparator.comparing((ConfigIssueView v) -> v.severity().equals("warning") ? 0 : 1).thenComparing(ConfigIssueView::rule)
                .thenComparing(ConfigIssueView::pointer));
        return List.copyOf(out);
    }

    private static List<ObservationView> observations(BuildRun run) {
        return run.evidence().observations().stream().map(o -> new ObservationView(o.id(), o.capability(), o.fromTokens(), o.toTokens(),
                WireName.of(o.outcome()), o.onset(), WireName.of(o.trend()), Numbers.round(o.strength()))).toList();
    }

    private static List<ChartView> charts(BuildRun run) {
        return run.evidence().charts().stream().map(c -> new ChartView(c.chart(), c.series(), c.unit(),
                c.x().stream().map(Numbers::round).toList(), c.y().stream().map(Numbers::round).toList())).toList();
    }

    /** The statistical reading of every counted observation, with the trend fitted across its bands. */
    private static List<CountTestView> countTests(BuildRun run) {
        List<CountTestView> out = new ArrayList<>();
        for (CountTest t : run.evidence().countTests()) {
            String trend = run.evidence().bandTrends().stream().filter(b -> b.observations().contains(t.observation()))
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

    /** The reading of every metric observation: relative change against the baseline and the outcome it decided. */
    private static List<MetricTestView> metricTests(BuildRun run) {
        return run.evidence().metricTests().stream().map(t -> new MetricTestView(t.observation(), t.capability(), t.metric(),
                Numbers.round(t.value()), Numbers.round(t.baseline()), Numbers.round(t.relativeWorsening()), t.minChange(),
                WireName.of(t.outcome()), Numbers.round(t.strength()))).toList();
    }

    /** What each relative-bias candidate does to the keys of each observed band (numbers no reason states). */
    private static List<KeyNumber> keyNumbers(BuildRun run) {
        List<KeyNumber> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (DistanceBand band : run.evidence().distanceBands()) {
            Subject s = run.evidence().subjects().stream().filter(x -> x.id().equals(band.subject())).findFirst().orElseThrow();
            if (!seen.add(band.subject() + "|" + band.fromDistance() + "|" + band.toDistance())) continue;
            String range = Numbers.format(band.fromDistance()) + "-" + Numbers.format(band.toDistance()) + " tokens back";
            if (s.spec() instanceof AlibiSpec) {
                out.add(new KeyNumber(s.hypothesis(), "a key " + range + " costs at least " + Numbers.format(band.minPenaltyNats())
                        + " nats in every head (the gentlest head: " + Numbers.format(band.minPenaltyNats()) + " to "
                        + Numbers.format(band.maxPenaltyNats()) + " nats)"));
            } else if (s.spec() instanceof BucketSpec) {
                out.add(new KeyNumber(s.hypothesis(), "keys " + range + " fall into bucket" + (band.distinctBuckets() == 1
                        ? " " + band.firstBucket() : "s " + band.firstBucket() + "-" + band.lastBucket()) + " ("
                        + band.distinctBuckets() + " distinct): the same bias whatever the distance"));
            }
        }
        return out;
    }

    private static EvidenceView evidence(Trace trace, BuildRun run) {
        Map<String, List<RotaryPair>> pairsBySubject = run.evidence().rotaryPairs().stream()
                .collect(Collectors.groupingBy(RotaryPair::subject, LinkedHashMap::new, Collectors.toList()));
        List<Map<String, Object>> trainedPairs = new ArrayList<>();
        if (!pairsBySubject.isEmpty()) {
            for (RotaryPair p : pairsBySubject.values().iterator().next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", p.index());
                m.put("inv_freq", Numbers.round(p.trainedInverseFrequency()));
                m.put("wavelength", Numbers.round(p.wavelength()));
                m.put("turns_trained", Numbers.round(p.turnsTrained()));
                m.put("band", WireName.of(p.band()));
                trainedPairs.add(m);
            }
        }
        List<Map<String, Object>> subjects = new ArrayList<>();
        for (Subject s : run.evidence().subjects()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("role", WireName.of(s.role()));
            m.put(s.role() == SubjectRole.CANDIDATE ? "hypothesis" : "fix", s.role() == SubjectRole.CANDIDATE ? s.hypothesis() : s.fix());
            m.put("mechanism", s.mechanism());
            m.put("parameters", parameters(s, run));
            List<RotaryPair> pairs = pairsBySubject.get(s.id());
            if (pairs != null) {
                m.put("inv_freq", column(pairs, RotaryPair::inverseFrequency));
                m.put("scale", column(pairs, RotaryPair::scale));
                m.put("turns_target", column(pairs, RotaryPair::turnsTarget));
                m.put("neighbour_angle_ratio", column(pairs, RotaryPair::neighbourAngleRatio));
                m.put("unseen_angle_ratio", column(pairs, RotaryPair::unseenAngleRatio));
                m.put("leaves_trained_range_at", pairs.stream().map(RotaryPair::leavesTrainedRangeAt).toList());
            }
            for (AlibiProfile a : run.evidence().alibiProfiles()) {
                if (!a.subject().equals(s.id())) continue;
                m.put("slopes", a.slopes().stream().map(Numbers::round).toList());
                m.put("reach_distance", a.reachDistance());
                m.put("unreachable_from", a.unreachableFrom());
                m.put("penalty_at_trained_nats", Numbers.round(a.penaltyAtTrained()));
                m.put("penalty_at_target_nats", Numbers.round(a.penaltyAtTarget()));
            }
            for (BucketProfile b : run.evidence().bucketProfiles()) {
                if (!b.subject().equals(s.id())) continue;
                m.put("exact_distances", b.exactDistances());
                m.put("last_bucket", b.lastBucket());
                m.put("saturation_distance", b.saturationDistance());
                m.put("distinct_buckets_beyond_trained", b.distinctBucketsBeyondTrained());
            }
            subjects.add(m);
        }
        List<Map<String, Object>> bands = new ArrayList<>();
        for (DistanceBand b : run.evidence().distanceBands()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", b.subject());
            m.put("observation", b.observation());
            m.put("from_distance", b.fromDistance());
            m.put("to_distance", b.toDistance());
            if (!Double.isNaN(b.minPenaltyNats())) {
                m.put("min_penalty_nats", Numbers.round(b.minPenaltyNats()));
                m.put("max_penalty_nats", Numbers.round(b.maxPenaltyNats()));
            }
            if (b.firstBucket() >= 0) {
                m.put("first_bucket", b.firstBucket());
                m.put("last_bucket", b.lastBucket());
                m.put("distinct_buckets", b.distinctBuckets());
            }
            bands.add(m);
        }
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : trace.liveOfBuild(Finding.class)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", f.subject());
            m.put("id", f.id());
            m.put("value", Numbers.round(f.value()));
            m.put("onset", f.onset());
            m.put("rule", trace.derivationOf(f).map(Firing::ruleId).orElse(""));
            m.put("text", explain(trace, f));
            findings.add(m);
        }
        return new EvidenceView(trainedPairs, subjects, bands, findings);
    }

    private static List<Double> column(List<RotaryPair> pairs, Function<RotaryPair, Double> f) {
        return pairs.stream().map(p -> Numbers.round(f.apply(p))).toList();
    }

    /** Concrete parameters of a subject's configuration, with the pair ranges its mapping leaves, ramps and interpolates. */
    static Map<String, Object> parameters(Subject subject, BuildRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (subject.spec() instanceof RopeMapping mapping) {
            RopeProfile profile = run.evidence().ropeProfiles().stream().filter(p -> p.subject().equals(subject.id())).findFirst().orElseThrow();
            m.put("method", mapping.method());
            m.put("base", Numbers.round(mapping.base()));
            if (profile.effectiveBase() != mapping.base()) m.put("rope_theta", Numbers.round(profile.effectiveBase()));
            m.put("factor", Numbers.round(profile.factor()));
            if (mapping instanceof RopeMapping.Yarn y) {
                m.put("original_max_position_embeddings", y.originalContext());
                m.put("beta_fast", y.betaFast());
                m.put("beta_slow", y.betaSlow());
            }
            m.put("max_position_embeddings", profile.targetContext());
            m.put("attention_factor", Numbers.round(profile.attentionFactor()));
            List<RotaryPair> pairs = run.evidence().rotaryPairs().stream().filter(p -> p.subject().equals(subject.id())).toList();
            double factor = profile.factor();
            m.put("unscaled_pairs", ranges(pairs, p -> Math.abs(p.scale() - 1) <= 1e-12));
            m.put("partially_scaled_pairs", ranges(pairs, p -> Math.abs(p.scale() - 1) > 1e-12 && Math.abs(p.scale() - factor) > 1e-9 * factor));
            m.put("fully_interpolated_pairs", factor == 1 ? "" : ranges(pairs, p -> Math.abs(p.scale() - factor) <= 1e-9 * factor
                    && Math.abs(p.scale() - 1) > 1e-12));
        } else if (subject.spec() instanceof AlibiSpec a) {
            m.put("method", "alibi");
            m.put("heads", a.heads());
        } else if (subject.spec() instanceof BucketSpec b) {
            m.put("method", "t5-buckets");
            m.put("num_buckets", b.numBuckets());
            m.put("max_distance", b.maxDistance());
            m.put("bidirectional", b.bidirectional());
        }
        return m;
    }

    /** A transformers {@code rope_scaling} block for a RoPE fix, or null when the fix is not a rope_scaling change. */
    static Map<String, Object> ropeScaling(Subject subject, BuildRun run) {
        if (!(subject.spec() instanceof RopeMapping mapping)) return null;
        double effectiveBase = run.evidence().ropeProfiles().stream().filter(p -> p.subject().equals(subject.id()))
                .findFirst().map(RopeProfile::effectiveBase).orElse(mapping.base());
        return RopeScalingBlock.of(mapping, effectiveBase);
    }


    /** Pair indices matching a test, as compact ranges: "0-20, 23". */
    static String ranges(List<RotaryPair> pairs, java.util.function.Predicate<RotaryPair> test) {
        List<String> parts = new ArrayList<>();
        int start = -1;
        int prev = -2;
        for (RotaryPair p : pairs) {
            if (!test.test(p)) continue;
            if (p.index() != prev + 1) {
                if (start >= 0) parts.add(start == prev ? String.valueOf(start) : start + "-" + prev);
                start = p.index();
            }
            prev = p.index();
        }
        if (start >= 0) parts.add(start == prev ? String.valueOf(start) : start + "-" + prev);
        return String.join(", ", parts);
    }
}
