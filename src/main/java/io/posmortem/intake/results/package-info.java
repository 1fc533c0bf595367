/**
 * Eval results -> observations (intake stage): reads the result files of the long-context
 * harnesses people run (lm-evaluation-harness results and per-sample logs, NVIDIA RULER's summary
 * CSV, needle-in-a-haystack grids, a generic CSV or JSON Lines), maps each task to a capability
 * through the knowledge base's task map, and writes symptom-file observations with counts (or a
 * metric) per context band, each carrying its source.
 */
package io.posmortem.intake.results;
