package io.posmortem.model;

/** The answer to one question about a build. */
public enum Verdict {
    /** One hypothesis is well supported and clearly ahead of the others. */
    DIAGNOSED,
    /** The leading hypotheses are too close, or too weak, to choose between. */
    INSUFFICIENT_EVIDENCE,
    /** Every candidate mechanism is contradicted by the observations. */
    NOT_EXPLAINED,
    /** The best explanation is not the positional encoding (truncation, missing sliding window, KV-cache quantization). */
    NOT_POSITIONAL,
    /** No observation shows a degradation: nothing to explain. */
    NO_FAULT
}
