package io.posmortem.engine;

/**
 * Receives a batch as it runs, on the thread that called {@link BatchTriage#run}: one
 * {@link #completed} per input, in input order, whatever order the inputs finished in.
 */
public interface BatchListener {

    /** Input {@code outcome.index()} is done: its report was written (with an output directory) or is ready to print. */
    void completed(InputOutcome outcome);

    /** Something went wrong beside the reports (the trace file cannot be written or removed); one line, not yet escaped. */
    default void warning(String line) {}
}
