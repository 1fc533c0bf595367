package io.posmortem.model.evidence;

import io.posmortem.model.*;

import java.util.List;

/**
 * Subject-level ALiBi numbers. The bias on a key {@code k} tokens back is {@code -m_h * k} in head h.
 *
 * @param slopes            slope of every head, in head order
 * @param gentlestSlope     the smallest slope over heads (the head that reaches farthest)
 * @param steepestSlope     the largest slope over heads
 * @param unreachableNats   the penalty taken as "out of reach" (knowledge-base threshold)
 * @param reachDistance     first distance at which even the gentlest head's penalty reaches {@code unreachableNats}
 * @param unreachableFrom   the first context length whose first token is that far back: {@code reachDistance + 1}
 * @param penaltyAtTrained  gentlest head's penalty at the trained context length, in nats
 * @param penaltyAtTarget   gentlest head's penalty at the target context length, in nats
 */
public record AlibiProfile(
        String subject,
        String build,
        int heads,
        List<Double> slopes,
        double gentlestSlope,
        double steepestSlope,
        double unreachableNats,
        long reachDistance,
        int unreachableFrom,
        double penaltyAtTrained,
        double penaltyAtTarget,
        int trainedContext,
        int targetContext) implements BuildScoped {}
