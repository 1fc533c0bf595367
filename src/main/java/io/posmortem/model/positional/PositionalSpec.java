package io.posmortem.model.positional;

/** The exact configuration a subject runs: a RoPE mapping (possibly compared or in low precision), a relative bias, or facts only. */
public sealed interface PositionalSpec
        permits RopeMapping, AlibiSpec, BucketSpec, RopeComparison, RopeInPrecision, FactsOnly, UnknownBase {}
