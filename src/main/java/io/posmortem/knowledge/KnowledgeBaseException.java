package io.posmortem.knowledge;

import io.posmortem.model.Problem;
import io.posmortem.model.ProblemsException;
import java.util.List;

/** The knowledge base could not be loaded; every problem found, located. */
public final class KnowledgeBaseException extends ProblemsException {
    private static final long serialVersionUID = 1L;

    public KnowledgeBaseException(List<Problem> problems) {
        super(problems, "invalid knowledge base", null);
    }
}
