package io.posmortem.knowledge;

import io.posmortem.model.Problem;
import java.util.List;

/** The knowledge base could not be loaded; every problem found, located. */
public final class KnowledgeBaseException extends Exception implements io.posmortem.model.WithProblems {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public KnowledgeBaseException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid knowledge base" : problems.get(0).oneLine(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
