package io.posmortem.model;

/** Where a hypothesis stands after the conclusion layer. */
public enum Standing {
    /** It is the diagnosis. */
    DIAGNOSED,
    /** It leads, but not clearly enough to be a diagnosis. */
    LEADING,
    /** Not contradicted enough to rule out, not the answer either. */
    PLAUSIBLE,
    /** The observations contradict it. */
    REJECTED
}
