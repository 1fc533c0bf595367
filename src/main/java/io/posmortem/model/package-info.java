/**
 * Immutable records shared by every stage: the validated symptom file, knowledge entries, numeric
 * evidence, and the facts the rules derive. This package imports nothing of posmortem's and no
 * third-party library, so every stage can depend on it without pulling in another stage.
 */
package io.posmortem.model;
