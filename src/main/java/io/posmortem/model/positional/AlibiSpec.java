package io.posmortem.model.positional;

/** An ALiBi bias with one geometric slope per head. */
public record AlibiSpec(int heads) implements PositionalSpec {}
