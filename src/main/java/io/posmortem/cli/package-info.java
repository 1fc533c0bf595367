/**
 * Thin commands over the stages: argument parsing, exit codes, where output goes. The
 * {@link io.posmortem.cli.Triage} pipeline wires intake, evidence and inference together.
 */
package io.posmortem.cli;
