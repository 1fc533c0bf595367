/**
 * The validated symptom file as intake reads it: builds, model and runtime specs, the retrofit,
 * observations with their metrics and counts, expected behaviours, and the assumptions intake made
 * for what the file left out.
 */
package io.posmortem.model.input;
