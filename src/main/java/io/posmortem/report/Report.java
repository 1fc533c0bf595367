package io.posmortem.report;

import io.posmortem.model.Problem;
import io.posmortem.model.input.Assumption;
import java.util.List;

/**
 * The result for one input file.
 *
 * @param status        {@code diagnosed} (every build triaged, whatever its verdict), {@code invalid}
 *                      (the input was rejected: see {@code errors}), or {@code failed} (the rules
 *                      could not complete: see {@code errors})
 * @param knowledgeBase fingerprint of the knowledge base used
 * @param rules         fingerprint of the rule pack used
 * @param pack          which of the two were the ones built into posmortem: {@code bundled} (both),
 *                      {@code rules bundled}, {@code knowledge base bundled}; null when both were read
 *                      from directories (the fingerprints are the same either way for the same files)
 * @param assumptions   every value filled in because the file left it out
 */
public record Report(
        String tool,
        String version,
        String input,
        String sha256,
        String status,
        String title,
        String knowledgeBase,
        String rules,
        String pack,
        List<BuildReport> builds,
        List<Assumption> assumptions,
        List<Problem> errors,
        TraceDocument trace) {

    /** This report with its full trace embedded. */
    public Report withTrace(TraceDocument trace) {
        return new Report(tool, version, input, sha256, status, title, knowledgeBase, rules, pack, builds, assumptions, errors, trace);
    }

    public static final String DIAGNOSED = "diagnosed";
    public static final String INVALID = "invalid";
    public static final String FAILED = "failed";
}
