package io.posmortem.model.derived;

import io.posmortem.model.*;

/** A fix that was considered for a diagnosis and failed its checks (see its FixCheck and FixRisk facts). */
public record FixRejection(String build, String hypothesis, String fix) implements BuildScoped {}
