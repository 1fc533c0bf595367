package io.posmortem.model.positional;

/**
 * A candidate decided by configuration and runtime facts alone ({@link BuildCase} fields): no
 * positional numbers are computed for it; interpretation rules read the facts.
 */
public record FactsOnly() implements PositionalSpec {}
