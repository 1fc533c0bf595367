package io.posmortem.report;

import java.util.List;

/**
 * A candidate nothing spoke for or against, because the build does not report the fact it needs;
 * {@code ask} is the question that would decide it, {@code numbers} what the rules could still
 * compute about it (e.g. the bases an unstated base change would need).
 */
public record UncheckedView(String hypothesis, String title, String ask, List<String> numbers) {}
