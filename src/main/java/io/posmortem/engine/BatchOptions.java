package io.posmortem.engine;

import io.posmortem.report.ReportDetail;
import java.nio.file.Path;

/**
 * How a batch is triaged and where it goes.
 *
 * @param format         the format of every report
 * @param out            a directory receiving one report file per input, or null to hand the
 *                       rendered reports to the listener only
 * @param traceFile      a file receiving every trace (one JSON document for one input, JSON Lines
 *                       for several), or null
 * @param withTrace      embed each trace in its report
 * @param jobs           inputs triaged in parallel; 0 or less means one per available processor
 * @param modelConfig    a config.json for inputs whose model does not name one, or null
 * @param configAnywhere a {@code model.config} may lie outside the input's directory tree
 * @param skipExisting   with {@code out}: keep a report an earlier run wrote from the same input
 *                       bytes, rules, knowledge base and options
 * @param whatIf         a rope_scaling block (JSON) evaluated beside every RoPE build, or null
 * @param detail         how much of each build a JSON report carries (other formats are always full)
 */
public record BatchOptions(ReportFormat format, Path out, Path traceFile, boolean withTrace, int jobs, Path modelConfig,
        boolean configAnywhere, boolean skipExisting, String whatIf, ReportDetail detail) {

    /** Text reports handed to the listener, nothing written, one job per processor. */
    public static BatchOptions defaults() {
        return new BatchOptions(ReportFormat.text, null, null, false, 0, null, false, false, null, ReportDetail.full);
    }
}
