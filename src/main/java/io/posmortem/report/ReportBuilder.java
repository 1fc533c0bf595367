package io.posmortem.report;

import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.model.BoundedMemo;
import io.posmortem.model.Problem;
import io.posmortem.model.Same;
import io.posmortem.model.derived.Belief;
import io.posmortem.model.derived.Discriminator;
import io.posmortem.model.input.Assumption;
import io.posmortem.model.input.SymptomFile;
import io.posmortem.model.knowledge.BuildCase;
import io.posmortem.model.knowledge.RetrofitKind;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.run.BuildRun;
import io.posmortem.run.TriageRun;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link Report} of a triage run, one section builder per part of a {@link BuildReport}.
 * Everything concluded comes from live facts in the trace; every sentence is a rule's explanation
 * filled with the values that rule compared; the knowledge base supplies titles and summaries.
 * Nothing here decides anything.
 */
public final class ReportBuilder {

    private final KnowledgeBase kb;
    private final String version;
    private final String rulesFingerprint;
    private final String pack;
    /**
     * Build reports made, the last {@link #REMEMBERED}: as many as the pipeline remembers builds
     * ({@code engine.Triage}), since a report is keyed on its run's identity and a run the pipeline
     * has dropped never comes back. More only kept dropped runs, their traces and evidence alive (in a
     * batch of distinct files, 64 entries held ~40 MB that the collector copied again and again).
     */
    private final BoundedMemo<BuildKey, BuildReport> made = new BoundedMemo<>(REMEMBERED);

    /** How many build reports a builder remembers. */
    public static final int REMEMBERED = 16;

    /**
     * What a build's report is made from: the run (by identity: a memoized run is the same object,
     * and a run is never changed after it is made), the assumptions that apply to the build, and
     * the detail. With this builder's knowledge base, that is everything {@link #build} reads.
     */
    private record BuildKey(Same run, List<Assumption> assumptions, ReportDetail detail) {}

    public ReportBuilder(KnowledgeBase kb, String rulesFingerprint, String version) {
        this(kb, rulesFingerprint, null, version);
    }

    /** With {@code pack}, which of rules and knowledge base were the bundled ones ({@link Report#pack()}; null: neither). */
    public ReportBuilder(KnowledgeBase kb, String rulesFingerprint, String pack, String version) {
        this.kb = kb;
        this.version = version;
        this.rulesFingerprint = rulesFingerprint;
        this.pack = pack;
    }

    /** The full report of {@code run}. */
    public Report diagnosed(TriageRun run) {
        return diagnosed(run, ReportDetail.full);
    }

    /** The report of {@code run} with {@code detail}; see {@link ReportDetail} for what a summary leaves out. */
    public Report diagnosed(TriageRun run, ReportDetail detail) {
        SymptomFile file = run.input();
        List<BuildReport> builds = new ArrayList<>();
        for (int i = 0; i < run.builds().size(); i++) {
            BuildRun build = run.builds().get(i);
            List<Assumption> assumptions = assumptionsOf(file, i);
            builds.add(made.get(new BuildKey(new Same(build), assumptions, detail), () -> build(build, assumptions, detail)));
        }
        return new Report("posmortem", version, file.source(), file.sha256(), Report.DIAGNOSED, file.title(),
                kb.fingerprint(), rulesFingerprint, pack, List.copyOf(builds), file.assumptions(), List.of(), null);
    }

    public Report invalid(String input, List<Problem> problems) {
        return new Report("posmortem", version, input, null, Report.INVALID, null, kb.fingerprint(), rulesFingerprint, pack, List.of(), List.of(),
                problems, null);
    }

    public Report failed(String input, List<Problem> problems) {
        return new Report("posmortem", version, input, null, Report.FAILED, null, kb.fingerprint(), rulesFingerprint, pack, List.of(), List.of(),
                problems, null);
    }

    /**
     * One build. Its question is the one the most certain belief answers, or with no belief the
     * question of the retrofit kind's first candidate; its assumptions are those about the model
     * and those about this build (by JSON pointer). A summary leaves the working out (it is never
     * built) and keeps every conclusion, which the sections compute from the full hypotheses.
     */
    private BuildReport build(BuildRun run, List<Assumption> assumptions, ReportDetail detail) {
        boolean full = detail == ReportDetail.full;
        Trace trace = run.trace();
        BuildCase buildCase = run.evidence().buildCase();
        RetrofitKind kind = kb.retrofitKinds().get(buildCase.retrofitKind());
        List<Belief> beliefs = HypothesesSection.beliefs(trace);
        String question = beliefs.isEmpty() ? kb.hypotheses().get(kind.candidates().get(0)).question() : beliefs.get(0).question();

        List<HypothesisView> hypotheses = HypothesesSection.build(trace, this::title);
        DiagnosisView diagnosis = DiagnosisSection.build(trace, question, hypotheses, kb.hypotheses(),
                kb.thresholds().get("conclusion.candidate-floor").value());
        FixSection fixes = new FixSection(run, kb.fixes(), kb.engines(), kb.references());
        List<String> discriminators = trace.liveOfBuild(Discriminator.class).stream().map(d -> TraceText.explain(trace, d)).distinct().toList();

        return new BuildReport(run.spec().id(), run.spec().title(), RetrofitSection.build(kind, run.spec().retrofit(), buildCase.trainedContext(),
                buildCase.targetContext()), question,
                kb.questions().get(question).text(), diagnosis,
                WhyNotSection.build(trace, question, hypotheses, kb.hypotheses()),
                full ? hypotheses : HypothesesSection.withoutReasons(hypotheses), fixes.recommendations(), fixes.rejected(), fixes.notApplicable(), discriminators,
                UncheckedSection.build(trace, kb.hypotheses()), ConfigFindingsSection.build(trace),
                WhatIfSection.build(run, diagnosis, hypotheses),
                CountsSection.loaderReadings(run.evidence()), CountsSection.observations(run.evidence()),
                CountsSection.countTests(run.evidence()), CountsSection.metricTests(run.evidence()),
                KeyNumbersSection.build(run.evidence()), full ? EvidenceSection.build(trace, run.evidence()) : null,
                full ? java.util.stream.Stream.concat(ChartsSection.build(run.evidence()).stream(),
                        ChartsSection.predictedOnsets(trace, hypotheses).stream()).toList() : null, assumptions,
                full ? ReasoningSection.build(trace) : ReasoningSection.counts(trace));
    }

    /** The file's assumptions about the model and about build {@code index} (by JSON pointer). */
    private static List<Assumption> assumptionsOf(SymptomFile file, int index) {
        return file.assumptions().stream().filter(a -> a.pointer().startsWith("/model") || a.pointer().startsWith("/builds/" + index + "/")).toList();
    }

    private String title(String hypothesis) {
        RootCause h = kb.hypotheses().get(hypothesis);
        return h == null ? hypothesis : h.title();
    }
}
