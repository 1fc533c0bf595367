package io.posmortem.report;

import io.posmortem.model.input.Assumption;
import java.util.List;

/**
 * Everything concluded about one build, answer first.
 *
 * @param notApplicableFixes why check-and-change fixes of the concluded cause were not recommended
 *                           (a precondition the build does not report)
 */
public record BuildReport(
        String id,
        String title,
        RetrofitView retrofit,
        String question,
        String questionText,
        DiagnosisView diagnosis,
        List<WhyNotView> whyNot,
        List<HypothesisView> hypotheses,
        List<RecommendationView> recommendations,
        List<RejectedFixView> rejectedFixes,
        List<String> notApplicableFixes,
        List<String> discriminators,
        List<UncheckedView> unchecked,
        List<ConfigIssueView> configLint,
        WhatIfView whatIf,
        List<LoaderReadingView> loaderReadings,
        List<ObservationView> observations,
        List<CountTestView> countTests,
        List<MetricTestView> metricTests,
        List<KeyNumber> keyNumbers,
        EvidenceView evidence,
        List<ChartView> charts,
        List<Assumption> assumptions,
        ReasoningView reasoning) {}
