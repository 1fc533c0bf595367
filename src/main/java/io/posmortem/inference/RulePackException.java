package io.posmortem.inference;

import io.posmortem.model.Problem;
import java.util.List;

/** The rule files could not be compiled or break the rule contract; every problem found, located. */
public final class RulePackException extends Exception implements io.posmortem.model.WithProblems {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public RulePackException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid rules" : problems.get(0).oneLine(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
