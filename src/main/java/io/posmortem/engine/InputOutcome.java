package io.posmortem.engine;

import io.posmortem.report.Report;
import java.nio.file.Path;
import java.util.List;

/**
 * What a batch made of one input.
 *
 * @param index    the input's position in the batch, from 0
 * @param total    the number of inputs in the batch
 * @param input    the input's name as reported
 * @param status   the report's status, or {@link BatchTriage#SKIPPED} when an earlier run's report was kept
 * @param report   the report (for a skipped input: a header without builds)
 * @param rendered the report in the batch's format; empty for a skipped input
 * @param target   the report file in the output directory, or null without one
 * @param problems the problems to show for this input, one line each (not yet escaped for a terminal);
 *                 without an output directory, the problems of an invalid input in text format are left
 *                 out because the rendered text report already says them
 */
public record InputOutcome(int index, int total, String input, String status, Report report, String rendered, Path target,
        List<String> problems) {

    /** Whether an earlier run's report was kept for this input. */
    public boolean skipped() {
        return BatchTriage.SKIPPED.equals(status);
    }
}
