package io.posmortem.archive;

/**
 * An archived incident with everything kept: the input as submitted, the model config it read (if
 * any), the what-if block, and the report and trace as JSON.
 *
 * @param modelConfigPath the config's path relative to the input's directory, or null when it lay elsewhere
 */
public record StoredIncident(IncidentSummary summary, byte[] input, String modelConfigPath, byte[] modelConfig, String whatIf,
        String reportJson, String traceJson) {}
