package io.posmortem.model;

/**
 * A qualitative reading of a subject's numbers (interpretation layer), e.g.
 * {@code local-resolution-lost}.
 *
 * @param value the headline number behind the finding (its meaning is documented per finding id
 *              in rules/README.md)
 * @param onset context length from which the finding applies; 0 when it applies at every length
 */
public record Finding(String subject, String build, String id, double value, int onset) implements BuildScoped {}
