package io.posmortem.model.knowledge;

import java.util.List;

/**
 * A condition of a {@link FactRow}: the build's fact {@code fact} is in one of {@code states}
 * ({@code negated}: it is reported and in none of them).
 */
public record FactCondition(String row, String fact, List<String> states, boolean negated) implements java.io.Serializable {}
