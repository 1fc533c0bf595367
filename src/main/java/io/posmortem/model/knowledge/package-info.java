/**
 * Knowledge-base entries (capabilities, mechanisms, retrofit kinds, fixes, thresholds, references,
 * runtime-fact rows, vocabularies, settings) and what the knowledge stage resolves per build: the
 * {@link io.posmortem.model.knowledge.BuildCase} and the subjects to reason about.
 */
package io.posmortem.model.knowledge;
