package io.posmortem.report;

import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.model.Problem;
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

    public ReportBuilder(KnowledgeBase kb, String rulesFingerprint, String version) {
        this.kb = kb;
        this.version = version;
        this.rulesFingerprint = rulesFingerprint;
    }

    /** The full report of {@code run}. */
    public Report diagnosed(TriageRun run) {
        return diagnosed(run, ReportDetail.full);
    }

    /** The report of {@code run} with {@code detail}; see {@link ReportDetail} for what a summary leaves out. */
    public Report diagnosed(TriageRun run, ReportDetail detail) {
        SymptomFile file = run.input();
        List<BuildReport> builds = new ArrayList<>();
        for (int i = 0; i < run.builds().size(); i++) builds.add(build(file, run.builds().get(i), i, detail));
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

    /**
     * One build. Its question is the one the most certain belief answers, or with no belief the
     * question of the retrofit kind's first candidate; its assumptions are those about the model
     * and those about this build (by JSON pointer). A summary leaves the working out (it is never
     * built) and keeps every conclusion, which the sections compute from the full hypotheses.
     */
    private BuildReport build(SymptomFile file, BuildRun run, int index, ReportDetail detail) {
        boolean full = detail == ReportDetail.full;
        Trace trace = run.trace();
        BuildCase buildCase = run.evidence().buildCase();
        RetrofitKind kind = kb.retrofitKinds().get(buildCase.retrofitKind());
        List<Belief> beliefs = HypothesesSection.beliefs(trace);
        String question = beliefs.isEmpty() ? kb.hypotheses().get(kind.candidates().get(0)).question() : beliefs.get(0).question();

        List<HypothesisView> hypotheses = HypothesesSection.build(trace, this::title);
        DiagnosisView diagnosis = DiagnosisSection.build(trace, question, hypotheses, kb.hypotheses());
        FixSection fixes = new FixSection(run, kb.fixes(), kb.engines(), kb.references());
        List<String> discriminators = trace.liveOfBuild(Discriminator.class).stream().map(d -> TraceText.explain(trace, d)).distinct().toList();
        List<Assumption> assumptions = file.assumptions().stream()
                .filter(a -> a.pointer().startsWith("/model") || a.pointer().startsWith("/builds/" + index + "/")).toList();

        return new BuildReport(run.spec().id(), run.spec().title(), RetrofitSection.build(kind, run.spec().retrofit(), buildCase.trainedContext(),
                buildCase.targetContext()), question,
                kb.questions().get(question).text(), diagnosis,
                WhyNotSection.build(trace, buildCase.statedReading(), question, diagnosis, hypotheses, kb.hypotheses()),
                full ? hypotheses : HypothesesSection.withoutReasons(hypotheses), fixes.recommendations(), fixes.rejected(), fixes.notApplicable(), discriminators,
                UncheckedSection.build(trace, kb.hypotheses()), ConfigFindingsSection.build(trace),
                WhatIfSection.build(run, diagnosis, hypotheses),
                CountsSection.loaderReadings(run.evidence()), CountsSection.observations(run.evidence()),
                CountsSection.countTests(run.evidence()), CountsSection.metricTests(run.evidence()),
                KeyNumbersSection.build(run.evidence()), full ? EvidenceSection.build(trace, run.evidence()) : null,
                full ? ChartsSection.build(run.evidence()) : null, assumptions,
                full ? ReasoningSection.build(trace) : ReasoningSection.counts(trace));
    }

    private String title(String hypothesis) {
        RootCause h = kb.hypotheses().get(hypothesis);
        return h == null ? hypothesis : h.title();
    }
}
