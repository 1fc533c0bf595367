/**
 * Inference: the only package that imports Drools. Builds the rule base from {@code rules/*.drl}
 * on disk (checking every rule's metadata against the knowledge base), runs one session per
 * build over the knowledge, evidence and observation facts, guards the run, and adapts Drools'
 * events into a Drools-free {@link io.posmortem.trace.Trace}.
 */
package io.posmortem.inference;
