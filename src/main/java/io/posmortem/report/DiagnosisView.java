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
 */
public record DiagnosisView(
        String hypothesis,
        String title,
        double confidence,
        String verdict,
        String summary,
        String conclusion,
        String check,
        List<Reason> because) {}
