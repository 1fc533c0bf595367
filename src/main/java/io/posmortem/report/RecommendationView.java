package io.posmortem.report;

import java.util.List;
import java.util.Map;

/**
 * A recommended fix.
 *
 * @param rank              0 for the first choice
 * @param verification      {@code numeric} (its numbers were verified by the rules) or
 *                          {@code instruction} (a check-and-change the numbers do not model)
 * @param verifiedBy        the verification in one sentence: what its numbers restore and keep, or
 *                          that it is not verifiable from the numbers and what to check after the change
 * @param parameters        concrete parameters (method, factor, pair ranges, attention factor, ...); empty for an instruction
 * @param ropeScaling       a transformers {@code rope_scaling} block for the fix, when it is a RoPE mapping
 * @param predictedEvidence the fix's own findings, with their numbers (numeric fixes)
 * @param checks            its predicted effect on each observation (numeric fixes)
 * @param check             an instruction's check after the change, whatever the engine; null for a numeric fix
 * @param engine            the id of the engine the build names ({@code runtime.engine}), when the
 *                          knowledge base knows it; null otherwise
 * @param settings          an instruction's settings: only the build's engine's when it names a
 *                          known engine the fix has a setting for, else every engine's
 */
public record RecommendationView(
        String id,
        String title,
        int rank,
        String verification,
        String verifiedBy,
        String summary,
        String caveat,
        Map<String, Object> parameters,
        Map<String, Object> ropeScaling,
        List<String> predictedEvidence,
        List<String> checks,
        String check,
        String engine,
        List<SettingView> settings,
        String conclusion) {

    /**
     * One engine's setting for an instruction fix.
     *
     * @param engine     engine id
     * @param engineName the engine's name
     * @param change     the exact change
     * @param check      what to check after it
     * @param reference  the literature id documenting it
     * @param url        the reference's address
     */
    public record SettingView(String engine, String engineName, String change, String check, String reference, String url) {}
}
