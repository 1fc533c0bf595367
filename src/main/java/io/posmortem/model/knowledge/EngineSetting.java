package io.posmortem.model.knowledge;

/**
 * The setting one engine needs for a check-and-change fix.
 *
 * @param engine    an engine id of {@code engines.yaml}
 * @param change    the exact change: flag, config key, environment variable or engine option
 * @param check     what to look at after the change (what the engine logs, what to measure)
 * @param reference the literature id documenting the setting (docs or code with a URL)
 */
public record EngineSetting(String engine, String change, String check, String reference) implements java.io.Serializable {}
