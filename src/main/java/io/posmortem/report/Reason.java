package io.posmortem.report;

import java.util.List;

/**
 * One weighed piece of evidence for or against a hypothesis.
 *
 * @param rule        the matching rule that weighed it
 * @param weight      its certainty-factor weight (positive: for; negative: against)
 * @param observation the observation it rests on, or "-"
 * @param text        the matching rule's explanation, filled with the values it compared
 * @param basis       what the prediction rested on, nearest first: the prediction's and then the
 *                    finding's explanations, each with its numbers
 */
public record Reason(String rule, double weight, String observation, String text, List<String> basis) {}
