package io.posmortem.engine;

import io.posmortem.report.Report;
import io.posmortem.report.TraceDocument;
import io.posmortem.run.TriageRun;

/**
 * One input triaged to a report, with everything needed to triage it again.
 *
 * @param name   the input's name as reported
 * @param source the path the input was read from (a {@code model.config} is relative to its
 *               directory), or a label for text that came from no file
 * @param bytes  the input exactly as submitted
 * @param whatIf the rope_scaling block evaluated beside every RoPE build, or null
 * @param run    what the stages produced
 * @param report the report, without an embedded trace
 * @param trace  the full trace
 */
public record TriagedInput(String name, String source, byte[] bytes, String whatIf, TriageRun run, Report report, TraceDocument trace) {}
