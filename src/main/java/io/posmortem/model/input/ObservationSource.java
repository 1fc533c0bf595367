package io.posmortem.model.input;

/**
 * Where an imported observation came from: the eval-results file (its name as given on the
 * command line, never made absolute), the task in it and the metric read. Written by
 * {@code posmortem import} into the observation's {@code source} block; a hand-written
 * observation has none.
 *
 * @param file   the results file as named to {@code import}
 * @param task   the task (benchmark) name in that file
 * @param metric the metric or column the counts or value were read from
 */
public record ObservationSource(String file, String task, String metric) {

    /** {@code file, task, metric} for a report line. */
    public String describe() {
        return file + ", " + task + ", " + metric;
    }
}
