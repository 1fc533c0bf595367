package io.posmortem.report;

import java.util.List;
import java.util.Map;

/**
 * A verified fix.
 *
 * @param rank              0 for the first choice
 * @param parameters        concrete parameters (method, factor, pair ranges, attention factor, ...)
 * @param ropeScaling       a transformers {@code rope_scaling} block for the fix, when it is a RoPE mapping
 * @param predictedEvidence the fix's own findings, with their numbers
 * @param checks            its predicted effect on each observation
 */
public record RecommendationView(
        String id,
        String title,
        int rank,
        String summary,
        String caveat,
        Map<String, Object> parameters,
        Map<String, Object> ropeScaling,
        List<String> predictedEvidence,
        List<String> checks,
        String conclusion) {}
