package io.posmortem.inference;

import io.posmortem.model.Problem;
import io.posmortem.model.ProblemsException;
import java.util.List;

/** The rule files could not be compiled or break the rule contract; every problem found, located. */
public final class RulePackException extends ProblemsException {
    private static final long serialVersionUID = 1L;

    public RulePackException(List<Problem> problems) {
        super(problems, "invalid rules", null);
    }
}
