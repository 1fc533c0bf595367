package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * What a context shift does to a build whose runtime shifts a full context (evidence stage,
 * {@code ContextShift}); one per build that reports {@code context_shift: true} and a context
 * window, none otherwise.
 *
 * @param window       the runtime's context window: when prompt and generated tokens fill it, the next token
 *                     shifts it, so breakage caused by the shift is first seen at this length
 * @param keep         tokens at the start every shift keeps ({@code n_keep}), or null when not reported
 * @param discard      tokens the first shift drops after the kept ones (llama.cpp: half of the rest),
 *                     which is also how many positions every later cached key is moved back
 * @param headDim      dimensions of a key head
 * @param rotaryDims   dimensions the forward pass rotates ({@code n_rot}); a shift must re-rotate exactly these
 */
public record ContextShiftProfile(String build, int window, Integer keep, int discard, int headDim,
                                  int rotaryDims) implements BuildScoped {}
