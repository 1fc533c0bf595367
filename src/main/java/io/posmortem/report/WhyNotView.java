package io.posmortem.report;

import java.util.List;

/**
 * Why a hypothesis is not the answer: the build's stated retrofit read literally (when the rules
 * reject it) and the runner-up (in every verdict but no-fault).
 *
 * @param statedReading whether this is the literal reading of the build's stated retrofit kind, rejected by the rules
 *                      ({@code conclude.stated-reading-rejected})
 * @param limit         what this mechanism cannot do (knowledge base)
 * @param conclusion    the explanation of the conclusion rule that named it (rejected reading or runner-up)
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
