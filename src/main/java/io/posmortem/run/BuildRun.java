package io.posmortem.run;

import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.trace.Trace;

/** Everything the stages produced for one build: what it is, its numbers, and the reasoning. */
public record BuildRun(BuildSpec spec, BuildEvidence evidence, Trace trace) {}
