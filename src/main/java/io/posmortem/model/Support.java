package io.posmortem.model;

/**
 * Weighted evidence for (positive weight) or against (negative) a hypothesis, produced when a
 * prediction meets an observation (matching layer).
 *
 * @param rule        id of the rule that weighed it (its weight comes from that rule's metadata)
 * @param observation observation id, or {@code "-"} when the support does not come from an observation
 */
public record Support(
        String build,
        String hypothesis,
        String rule,
        double weight,
        String observation,
        String capability) implements BuildScoped {}
