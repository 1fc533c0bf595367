package io.posmortem.report;

/** What one transformers generation computes from the model's YaRN block. */
public record LoaderReadingView(String generation, double factor, double attentionFactor, int correctionContext) {}
