package io.posmortem.model.knowledge;

import java.util.List;

/**
 * A condition a check-and-change fix needs before it is recommended: the build's reported fact
 * {@code fact} is in one of {@code states} (the vocabulary of {@code ReportedFact}). A fact the
 * build does not report does not hold the condition.
 */
public record FixPrecondition(String fix, String fact, List<String> states) implements java.io.Serializable {}
