/**
 * What the stages produce for one input, before any report is made of it: the validated input,
 * and per build its evidence and its trace. {@link io.posmortem.engine.Triage} makes runs;
 * {@code report} renders them.
 */
package io.posmortem.run;
