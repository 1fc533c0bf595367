package io.posmortem.model;

/**
 * Served frequencies compared with frequencies the model was trained (or fine-tuned) with, when
 * the latter are not the plain RoPE of the base model: e.g. fine-tuned under linear scaling s1 and
 * served under s2.
 *
 * @param trainedContext the window the {@code trained} frequencies were trained on
 */
public record RopeComparison(RopeMapping trained, int trainedContext, RopeMapping served) implements PositionalSpec {}
