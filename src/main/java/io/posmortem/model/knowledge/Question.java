package io.posmortem.model.knowledge;

/** A question hypotheses compete to answer, e.g. "which effective RoPE mapping?". */
public record Question(String id, String text) implements java.io.Serializable {}
