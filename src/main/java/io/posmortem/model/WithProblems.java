package io.posmortem.model;

import java.util.List;

/** Something refused with located problems: an invalid input, a broken knowledge base or rule pack, a failed inference. */
public interface WithProblems {
    List<Problem> problems();
}
