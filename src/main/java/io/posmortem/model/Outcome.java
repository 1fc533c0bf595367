package io.posmortem.model;

/** What an observation (or a prediction) says happened to a capability, relative to the baseline. */
public enum Outcome {
    DEGRADED,
    PRESERVED,
    IMPROVED,
    /** Counts were given but the test found no significant difference from the baseline either way. */
    INCONCLUSIVE
}
