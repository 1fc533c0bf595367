package io.posmortem.model;

/** The exact positional configuration a subject runs: a RoPE mapping or a relative bias. */
public sealed interface PositionalSpec permits RopeMapping, AlibiSpec, BucketSpec {}
