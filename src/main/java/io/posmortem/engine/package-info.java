/**
 * posmortem as a library: the pipeline and what is built on it, with no command-line parsing.
 *
 * <ul>
 * <li>{@link io.posmortem.engine.Triage}: one input in, one {@link io.posmortem.run.TriageRun}
 *     out (intake, evidence and inference per build), with knowledge and rules loaded once.</li>
 * <li>{@link io.posmortem.engine.BatchTriage}: many inputs in parallel, handed to a
 *     {@link io.posmortem.engine.BatchListener} in input order, each failure its own; reports
 *     written atomically to a directory, resumable ({@code skipExisting}), traces streamed to one
 *     file. Inputs come from {@link io.posmortem.engine.BatchInputs}.</li>
 * <li>{@link io.posmortem.engine.PackVerification}: a rule pack and knowledge base checked
 *     against a fixture tree, with a typed result.</li>
 * </ul>
 *
 * <p>Nothing here prints or exits: callers choose where outcomes go and what an outcome means to
 * them (the {@code cli} maps {@link io.posmortem.engine.BatchSummary} to exit codes). Invalid
 * input never throws out of a batch; it is an outcome with status {@code invalid}.
 */
package io.posmortem.engine;
