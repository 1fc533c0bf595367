package io.posmortem.report;

import java.util.List;

/**
 * Why a hypothesis is not the answer: the build's stated retrofit read literally (when the
 * evidence supports something else) and the runner-up.
 *
 * @param statedReading whether this is the literal reading of the build's stated retrofit kind
 * @param limit         what this mechanism cannot do (knowledge base)
 * @param conclusion    the conclusion rule's explanation, when one called it out
 * @param against       the evidence against it
 */
public record WhyNotView(
        String hypothesis,
        String title,
        double score,
        String status,
        boolean statedReading,
        String limit,
        String conclusion,
        List<Reason> against) {}
