package io.posmortem.report;

/**
 * A candidate nothing spoke for or against, because the build does not report the fact it needs;
 * {@code ask} is the question that would decide it.
 */
public record UncheckedView(String hypothesis, String title, String ask) {}
