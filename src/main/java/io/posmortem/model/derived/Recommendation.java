package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * A fix whose predicted evidence passed the checks, for a diagnosed hypothesis.
 *
 * @param rank position in the hypothesis's list of fixes (0 = first choice)
 */
public record Recommendation(String build, String hypothesis, String fix, int rank) implements BuildScoped {}
