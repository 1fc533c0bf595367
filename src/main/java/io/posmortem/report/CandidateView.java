package io.posmortem.report;

/**
 * A hypothesis a verdict names as a candidate answer: its certainty is above the knowledge base's
 * candidate floor ({@code conclusion.candidate-floor}).
 *
 * @param score  its certainty factor
 * @param status its standing ({@code diagnosed}, {@code leading}, {@code plausible})
 */
public record CandidateView(String hypothesis, String title, double score, String status) {}
