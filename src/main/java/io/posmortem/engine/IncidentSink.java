package io.posmortem.engine;

/**
 * Receives every input a batch or the service triaged to a report (not invalid or failed inputs),
 * on the thread that triaged it: it may be called from several threads at once. An exception
 * fails that input's storage, not the batch: the caller reports it beside the input's report.
 */
public interface IncidentSink {

    /** Keeps {@code incident}; returns whether it was new (false: the same incident was already kept). */
    boolean triaged(TriagedInput incident) throws Exception;
}
