package io.posmortem.model;

import java.util.List;

/**
 * An input, knowledge base or rule pack that posmortem refuses, with every problem found, located.
 * Callers that only report the problems catch this one type; the subclasses say which stage
 * refused. No stack trace is captured: the problems are the whole report.
 */
public abstract class ProblemsException extends Exception implements WithProblems {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    /** {@code problems} as kept (already bounded by the caller if it bounds them); the message is the first one's line. */
    protected ProblemsException(List<Problem> problems, String whenEmpty, Throwable cause) {
        super(problems.isEmpty() ? whenEmpty : problems.get(0).oneLine(), cause, false, false);
        this.problems = List.copyOf(problems);
    }

    @Override
    public final List<Problem> problems() {
        return problems;
    }
}
