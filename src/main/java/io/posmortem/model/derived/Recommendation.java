package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * A fix recommended for a concluded hypothesis: a numeric fix whose predicted evidence passed the
 * checks, or a check-and-change instruction whose preconditions hold.
 *
 * @param rank         position in the hypothesis's list of fixes (0 = first choice)
 * @param verification how the fix was shown to work
 */
public record Recommendation(String build, String hypothesis, String fix, int rank, FixVerification verification) implements BuildScoped {

    /** A numerically verified fix. */
    public Recommendation(String build, String hypothesis, String fix, int rank) {
        this(build, hypothesis, fix, rank, FixVerification.NUMERIC);
    }
}
