package io.posmortem.report;

/**
 * How much of each build a JSON report carries.
 *
 * <ul>
 * <li>{@link #full}: everything, as documented in {@code docs/json-reference.md}.</li>
 * <li>{@link #summary}: the conclusions without their working: every field of {@link #full} except
 *     {@code evidence} (the per-pair arrays and the finding list), {@code charts}, the firing list
 *     ({@code reasoning.firings}) and each hypothesis's {@code supporting} and {@code opposing}
 *     reasons; the diagnosis keeps its {@code because} (the evidence lines that decided it). Verdict,
 *     diagnosis, confidence, scores, fixes, checks and fingerprints are the same as in {@link #full}.</li>
 * </ul>
 */
public enum ReportDetail {
    summary, full
}
