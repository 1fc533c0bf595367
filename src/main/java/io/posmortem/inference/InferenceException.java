package io.posmortem.inference;

import io.posmortem.model.Problem;
import io.posmortem.model.ProblemsException;
import java.util.List;

/**
 * A run that cannot give a complete diagnosis because of the rules: a rule kept firing past the
 * budget (a loop), or a consequence threw. No partial result is returned.
 */
public final class InferenceException extends ProblemsException {
    private static final long serialVersionUID = 1L;

    public InferenceException(Problem problem, Throwable cause) {
        super(List.of(problem), problem.oneLine(), cause);
    }

    /** The one problem that stopped the run. */
    public Problem problem() {
        return problems().get(0);
    }
}
