package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * A candidate nothing spoke for or against because the build does not report the fact it needs
 * (conclusion layer); the report asks the hypothesis's question ({@code ask}).
 */
public record Unchecked(String build, String hypothesis) implements BuildScoped {}
