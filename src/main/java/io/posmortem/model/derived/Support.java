package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * Weighted evidence for (positive weight) or against (negative) a hypothesis, produced when a
 * prediction meets an observation (matching layer).
 *
 * @param rule        id of the rule that weighed it (its weight comes from that rule's metadata)
 * @param observation observation id, or {@code "-"} when the support does not come from an observation
 * @param decisive    a reported fact that directly shows the hypothesis's mechanism at work (a
 *                    runtime base, factor or attention factor that differs from the configured one,
 *                    a window that cuts the prompt): its belief shields it from part of the
 *                    disbelief that capability matching adds (see rules/README.md)
 */
public record Support(
        String build,
        String hypothesis,
        String rule,
        double weight,
        String observation,
        String capability,
        boolean decisive) implements BuildScoped {

    public Support(String build, String hypothesis, String rule, double weight, String observation, String capability) {
        this(build, hypothesis, rule, weight, observation, capability, false);
    }
}
