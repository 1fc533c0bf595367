package io.posmortem.model;

/** How a fix is shown to work before posmortem recommends it. */
public enum FixVerification {
    /**
     * The fix changes positional numbers: they are computed like a candidate's and the conclusion
     * rules check that they restore every degradation and keep every preserved capability.
     */
    NUMERIC,
    /**
     * The fix changes a setting the numbers do not model (a KV-cache dtype, a context window, an
     * attention backend): it is a check-and-change instruction, recommended when its hypothesis is
     * concluded and its preconditions hold, never claimed as numerically verified.
     */
    INSTRUCTION;

    /** The name in knowledge-base files, rules' explanations and reports: {@code numeric}, {@code instruction}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
