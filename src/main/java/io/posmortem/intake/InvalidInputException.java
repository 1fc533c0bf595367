package io.posmortem.intake;

import io.posmortem.model.Problem;
import java.util.List;

/** A file could not be accepted; {@link #problems()} says every reason found, located. */
public final class InvalidInputException extends Exception implements io.posmortem.model.WithProblems {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).oneLine(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
