package io.posmortem.model;

/**
 * How a degradation changes as the context grows. {@code UNKNOWN} on an observation means the
 * symptom file did not say; on a prediction it means the mechanism makes no claim.
 */
public enum Trend { WORSENS, STABLE, UNKNOWN }
