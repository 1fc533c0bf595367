package io.posmortem.report;

import java.util.List;
import java.util.Map;

/**
 * The full record of a triage, as {@code --trace FILE} writes it (schema:
 * {@code src/main/resources/schema/trace-v1.schema.json}). Facts and firings are in the order the
 * engine produced them, which is deterministic for the same input and rules.
 *
 * @param fingerprint   SHA-256 of the rule pack, of the knowledge base, and of both with the version
 * @param inputSha256   SHA-256 of the input file's bytes
 */
public record TraceDocument(
        int traceVersion,
        String tool,
        String version,
        String input,
        String inputSha256,
        Fingerprint fingerprint,
        List<BuildTrace> builds) {

    public record Fingerprint(String rules, String knowledgeBase, String combined) {}

    /**
     * One build's session.
     *
     * @param rules      every rule in the pack: id, file, line, layer
     * @param conclusion the diagnosis fact's hypothesis, verdict and confidence (null if none)
     * @param beliefs    hypothesis -> certainty factor
     */
    public record BuildTrace(
            String build,
            List<RuleRef> rules,
            List<FactRecord> facts,
            List<FiringRecord> firings,
            Conclusion conclusion,
            Map<String, Double> beliefs) {}

    public record RuleRef(String id, String file, int line, String layer) {}

    public record Conclusion(String hypothesis, String verdict, double confidence) {}

    /**
     * A fact: {@code insertedBy} is the firing that inserted it (0: an input fact),
     * {@code retractedBy} the firing whose effects retracted it (0: live; -1: retracted by truth
     * maintenance outside a firing), {@code justifiedBy} every firing that justifies a live derived
     * fact at the end of the run.
     */
    public record FactRecord(String id, String type, int insertedBy, int retractedBy, List<Integer> justifiedBy, Object fact) {}

    /**
     * A rule firing: its bound values (facts as {@code @f12} references, numbers as computed), the
     * facts it matched, inserted and retracted, and its explanation filled with those values.
     */
    public record FiringRecord(
            int sequence,
            String rule,
            String file,
            int line,
            String layer,
            Map<String, Object> bindings,
            List<String> matched,
            List<String> inserted,
            List<String> retracted,
            String text) {}
}
