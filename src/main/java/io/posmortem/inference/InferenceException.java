package io.posmortem.inference;

import io.posmortem.model.Problem;
import java.util.List;

/**
 * A run that cannot give a complete diagnosis because of the rules: a rule kept firing past the
 * budget (a loop), or a consequence threw. No partial result is returned.
 */
public final class InferenceException extends Exception implements io.posmortem.model.WithProblems {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public InferenceException(Problem problem, Throwable cause) {
        super(problem.oneLine(), cause, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public List<Problem> problems() {
        return List.of(problem);
    }
}
