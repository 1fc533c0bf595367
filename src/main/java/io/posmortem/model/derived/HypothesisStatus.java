package io.posmortem.model.derived;

import io.posmortem.model.*;

/** A hypothesis's standing for one build, as concluded by a rule. */
public record HypothesisStatus(String build, String hypothesis, Standing standing) implements BuildScoped {}
