package io.posmortem.report;

/** A config-lint finding: the lint rule, {@code warning} or {@code info}, the key, the rule's explanation and its hint. */
public record ConfigIssueView(String rule, String severity, String pointer, String text, String detail) {}
