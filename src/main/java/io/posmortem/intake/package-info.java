/**
 * Intake: a symptom file (YAML or JSON) becomes a validated {@link io.posmortem.model.input.SymptomFile},
 * or a list of {@link io.posmortem.model.Problem}s, each with file, line, column, JSON pointer,
 * expectation and hint. Nothing here knows about evidence, rules or reports.
 */
package io.posmortem.intake;
