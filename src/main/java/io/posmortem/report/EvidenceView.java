package io.posmortem.report;

import java.util.List;
import java.util.Map;

/**
 * The raw evidence of a build. {@code ropePairs} describes the trained frequencies (one entry per
 * pair); each RoPE subject then lists per-pair arrays in pair order.
 */
public record EvidenceView(
        List<Map<String, Object>> ropePairs,
        List<Map<String, Object>> subjects,
        List<Map<String, Object>> distanceBands,
        List<Map<String, Object>> findings) {}
