package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * A config-lint finding: {@code id} is the lint rule's id, {@code severity} {@code warning} or
 * {@code info}, {@code pointer} the offending key, {@code detail} a hint computed by the rule.
 */
public record ConfigIssue(String build, String id, String severity, String pointer, String detail) implements BuildScoped {}
