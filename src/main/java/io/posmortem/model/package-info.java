/**
 * The records every stage hands the next, split by the stage that creates them: {@code input}
 * (the validated symptom file), {@code positional} (what a positional encoding is),
 * {@code knowledge} (knowledge-base entries and what they resolve per build), {@code evidence}
 * (the numbers), {@code derived} (the facts the rules insert). This package holds what all of
 * them share ({@link io.posmortem.model.Problem}, {@link io.posmortem.model.Tri}, the outcome and
 * trend vocabularies, how a fix is verified ({@link io.posmortem.model.FixVerification}), hashing and atomic writes) and uses none of its sub-packages. The model
 * imports nothing else of posmortem's and no third-party library.
 */
package io.posmortem.model;
