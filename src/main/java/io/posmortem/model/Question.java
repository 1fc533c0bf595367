package io.posmortem.model;

/** A question hypotheses compete to answer, e.g. "which effective RoPE mapping?". */
public record Question(String id, String text) {}
