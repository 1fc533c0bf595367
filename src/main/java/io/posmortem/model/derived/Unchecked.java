package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * A candidate nothing spoke for or against because the build does not report the fact it needs
 * (conclusion layer).
 *
 * @param question what is still to ask: the hypothesis's {@code ask}, or, when the file already
 *                 answers some of its parts ({@code asks_for}), the parts it does not answer
 */
public record Unchecked(String build, String hypothesis, String question) implements BuildScoped {}
