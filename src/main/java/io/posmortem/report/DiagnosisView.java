package io.posmortem.report;

import java.util.List;

/**
 * The answer to the build's question.
 *
 * @param verdict    {@code diagnosed}, {@code not-positional}, {@code insufficient-evidence} or {@code not-explained}
 * @param check      for a cause outside the positional encoding, the check that confirms it
 * @param confidence the leading hypothesis's certainty factor
 * @param conclusion the conclusion rule's explanation
 * @param because    the evidence for the leading hypothesis
 * @param candidates the hypotheses of the question whose certainty is above the candidate floor
 *                   ({@code conclusion.candidate-floor}), most certain first; empty for a no-fault
 *                   build, and for a not-explained one (no certainty is positive there)
 */
public record DiagnosisView(
        String hypothesis,
        String title,
        double confidence,
        String verdict,
        String summary,
        String conclusion,
        String check,
        List<Reason> because,
        List<CandidateView> candidates) {

    /**
     * Whether the verdict names its hypothesis as the answer: only when it is a candidate. A
     * not-explained verdict's best belief is at most 0 and is never named (the least contradicted
     * hypothesis has its own why-not); neither is the no-fault answer, which is no hypothesis.
     */
    public boolean namesLeader() {
        // A report an earlier posmortem archived has no candidates: it is shown as it was then.
        if (candidates == null) return !"no-fault".equals(verdict);
        return candidates.stream().anyMatch(c -> c.hypothesis().equals(hypothesis));
    }
}
