package io.posmortem.report;

import io.posmortem.model.input.Assumption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small report written by hand for the renderers' tests: one build, a linear-interpolation
 * retrofit that lost retrieval beyond 4,096 tokens, diagnosed as "h-pi" with one fix "fix-yarn".
 */
final class HandReport {
    private HandReport() {}

    static final Map<String, Object> ROPE_SCALING = new LinkedHashMap<>();

    static {
        ROPE_SCALING.put("rope_type", "yarn");
        ROPE_SCALING.put("factor", 4.0);
        ROPE_SCALING.put("original_max_position_embeddings", 4096);
    }

    static Report report() {
        return report("hand.yaml", "PI x4", 1);
    }

    /** The hand-made report for the symptom file {@code input}, with {@code builds} copies of its build labelled {@code label}. */
    static Report report(String input, String label, int builds) {
        Reason reason = new Reason("r-retrieval", 0.6, "o1", "retrieval fell from 4,096 tokens", List.of("loss rose"));
        DiagnosisView diagnosis = new DiagnosisView("h-pi", "Interpolation crowded the angles", 0.8, "diagnosed",
                "Positions were squeezed.", "h-pi explains every degradation", null, List.of(reason),
                List.of(new CandidateView("h-pi", "Interpolation crowded the angles", 0.8, "diagnosed")));
        HypothesisView pi = new HypothesisView("h-pi", "Interpolation crowded the angles", 0.8, 0.8, 0, "diagnosed", List.of(reason), List.of());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("method", "yarn");
        parameters.put("factor", 4.0);
        RecommendationView fix = new RecommendationView("fix-yarn", "Switch to YaRN", 1, "numeric",
                "verified: its numbers restore retrieval", "Keep local pairs.", "Needs a short fine-tune.",
                parameters, ROPE_SCALING, List.of("local pairs untouched"), List.of("fix-yarn restores o1"), null, null, List.of(),
                "fix-yarn is recommended");
        ObservationView o1 = new ObservationView("o1", "retrieval", 4096, 16384, "degraded", 4096, "worsens", 1, null);
        EvidenceView evidence = new EvidenceView(List.of(), List.of(), List.of(), List.of());
        BuildReport build = new BuildReport("b1", label, new RetrofitView("linear", "Linear interpolation", false, 4, null, 4096, 16384,
                "PI x4"), "q", "Why did long context get worse?", diagnosis, List.of(), List.of(pi), List.of(fix), List.of(), List.of(), List.of(),
                List.of(), List.of(), null, List.of(), List.of(o1), List.of(), List.of(), List.of(), evidence, List.of(),
                List.of(new Assumption("/model/rope_theta", "10000", "the Llama default")),
                new ReasoningView(3, 1, List.of(new ReasoningView.FiringView(1, "r-retrieval", "matching", "matching.drl", 12,
                        "retrieval fell from 4,096 tokens"))));
        return new Report("posmortem", "0.0.0-test", input, "ab".repeat(32), Report.DIAGNOSED, "A hand-made incident", "kb-1",
                "rules-1", null, java.util.Collections.nCopies(builds, build), List.of(), List.of(), null);
    }
}
