/**
 * Loads and validates {@code knowledge-base/} (hypotheses, capability taxonomy, mechanisms,
 * retrofit vocabulary, fixes, thresholds, literature, defaults) and applies it to a case: which
 * subjects (candidate mappings and fixes) a build's evidence is computed for.
 */
package io.posmortem.knowledge;
