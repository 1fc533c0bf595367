package io.posmortem.model.derived;

/** What a proposed fix's predicted evidence does to one observed capability. */
public enum FixEffect {
    /** The observation is a degradation and the fix predicts the capability preserved. */
    RESTORES,
    /** The observation is preserved and the fix predicts it preserved. */
    KEEPS,
    /** The observation is preserved but the fix predicts a degradation within the observed band. */
    BREAKS,
    /** The observation is a degradation and the fix predicts it degraded still. */
    LEAVES_DEGRADED,
    /** The observation is a degradation and none of the fix's predictions covers it. */
    UNPROVEN
}
