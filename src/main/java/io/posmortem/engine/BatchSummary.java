package io.posmortem.engine;

/**
 * The end of a batch.
 *
 * @param inputs      inputs in the batch
 * @param triaged     inputs diagnosed in this run
 * @param invalid     inputs rejected as invalid in this run
 * @param failed      inputs whose rules could not finish, whose report could not be written, or that met an internal error
 * @param skipped     inputs whose report from an earlier run was kept
 * @param seconds     wall-clock time of the batch
 * @param threads     inputs triaged in parallel
 * @param anyInvalid  at least one input was invalid (in this run or the kept one)
 * @param anyFailed   at least one input failed, or the trace file could not be written
 * @param anyInternal at least one input met an internal error (a bug), or the batch was interrupted
 */
public record BatchSummary(int inputs, int triaged, int invalid, int failed, int skipped, double seconds, int threads,
        boolean anyInvalid, boolean anyFailed, boolean anyInternal) {}
