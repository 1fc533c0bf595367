package io.posmortem.model;

/** How a model encodes token positions, as trained. Wire names: rope, alibi, t5-bias, learned, none. */
public enum Encoding { ROPE, ALIBI, T5_BIAS, LEARNED, NONE }
