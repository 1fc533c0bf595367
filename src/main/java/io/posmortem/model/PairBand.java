package io.posmortem.model;

/**
 * Where a rotary pair sits relative to the trained window L, by its turns {@code r = L / lambda}:
 * LOCAL when r exceeds the local threshold (fine, local position), LONG_RANGE when r is below the
 * long-range threshold (never completed a turn in training), TRANSITION in between.
 */
public enum PairBand { LOCAL, TRANSITION, LONG_RANGE }
