package io.posmortem.model.derived;

import io.posmortem.model.*;

/** The literal reading of the build's stated retrofit is not what the evidence supports. */
public record StatedReadingRejected(String build, String stated, String diagnosed) implements BuildScoped {}
