package io.posmortem.model.input;

/**
 * A value posmortem filled in because the symptom file left it out.
 *
 * @param pointer JSON pointer of the field in the symptom file, e.g. {@code /model/head_dim}
 * @param value   the value used, as text
 * @param basis   where the value comes from (a knowledge-base default and its rationale, or a derivation)
 */
public record Assumption(String pointer, String value, String basis) {}
