package io.posmortem.model.knowledge;

/**
 * A named number the rules compare evidence against; a fact in every session.
 *
 * @param meaning what crossing it means
 * @param source  where the value comes from (paper, reference code, or "heuristic" with its argument)
 */
public record Threshold(String id, double value, String unit, String meaning, String source) implements java.io.Serializable {}
