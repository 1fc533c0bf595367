package io.posmortem.report;

import java.util.List;

/**
 * What {@code posmortem explain} prints: per build, HOW the conclusion was derived (a tree from the
 * diagnosis down to observations, computed numbers and thresholds, each step naming its rule and
 * its explanation filled with the values it compared) and WHY-NOT every other hypothesis (its
 * nearest miss: the gap to a diagnosis, the contradictions, the facts that ruled it out, the
 * question that would decide it).
 */
public record Explanation(String input, String version, List<BuildExplanation> builds) {

    public record BuildExplanation(String build, String verdict, String hypothesis, double confidence, Node how, List<NearMiss> whyNot) {}

    /**
     * One step of a derivation: the fact ({@code fact} is its id and a short description), the
     * rule that derived it and that rule's explanation; input facts have no rule. {@code seeAbove}
     * marks a fact already expanded earlier in the tree.
     */
    public record Node(String fact, String description, String rule, String text, boolean seeAbove, List<Node> children) {}

    /**
     * Why a hypothesis is not the answer.
     *
     * @param requirement what a diagnosis needs, with the hypothesis's own values against it
     * @param against     the reasons against it, strongest first (each states predicted against observed)
     * @param ask         the question that would decide it, when a fact it needs is not reported
     */
    public record NearMiss(String hypothesis, String title, double certainty, String status, String requirement,
                           List<Reason> against, List<Reason> support, String ask) {}
}
