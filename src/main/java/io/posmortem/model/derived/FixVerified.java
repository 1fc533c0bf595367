package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * A fix (or what-if alternative) whose predicted evidence restores every degraded observation,
 * keeps every preserved one and predicts no degradation of its own inside the target window
 * (conclusion layer). Recommendations and the what-if verdict rest on it.
 */
public record FixVerified(String build, String fix) implements BuildScoped {}
