/**
 * Thin commands: each parses its options, calls the {@link io.posmortem.engine engine} (or a
 * stage directly for the evidence commands), chooses a renderer and maps the outcome to an exit
 * code ({@link io.posmortem.cli.ExitCodes}).
 */
package io.posmortem.cli;
