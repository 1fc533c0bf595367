package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * The hypothesis closest behind a decided diagnosis among those the evidence spoke about
 * (conclusion layer); the report explains why it is not the answer.
 */
public record RunnerUp(String build, String hypothesis, double certainty) implements BuildScoped {}
