package io.posmortem.model.positional;

/** Parameters of a T5-style bucketed relative position bias. */
public record BucketSpec(int numBuckets, int maxDistance, boolean bidirectional) implements PositionalSpec {}
