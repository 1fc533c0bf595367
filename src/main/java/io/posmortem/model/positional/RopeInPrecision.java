package io.posmortem.model.positional;

import io.posmortem.model.Dtype;

/** A RoPE mapping whose angles the runtime computes in {@code dtype} ({@code bf16} or {@code fp16}). */
public record RopeInPrecision(RopeMapping mapping, Dtype dtype) implements PositionalSpec {}
