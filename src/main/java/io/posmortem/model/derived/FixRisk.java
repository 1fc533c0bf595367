package io.posmortem.model.derived;

import io.posmortem.model.*;

/** A degradation a fix's own numbers predict inside the build's target window. */
public record FixRisk(String build, String fix, String capability, int fromTokens) implements BuildScoped {}
