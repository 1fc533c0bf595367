package io.posmortem.report;

import java.util.List;

/**
 * A candidate hypothesis with its combined certainty and the evidence on each side.
 *
 * @param score  certainty factor in [-1, 1]
 * @param status {@code diagnosed}, {@code leading}, {@code plausible} or {@code rejected}
 */
public record HypothesisView(
        String id,
        String title,
        double score,
        double belief,
        double disbelief,
        String status,
        List<Reason> supporting,
        List<Reason> opposing) {}
