package io.posmortem.trace;

import java.util.List;
import java.util.Map;

/**
 * One rule firing.
 *
 * @param sequence  1-based position in firing order
 * @param bindings  declaration name (without {@code $}) -> bound value, in name order; facts
 *                  appear as themselves
 * @param matched   ids of the facts the rule's patterns matched
 * @param inserted  ids of the facts its consequence inserted
 * @param retracted ids of the facts that disappeared while it fired
 */
public record Firing(
        int sequence,
        String ruleId,
        Map<String, Object> bindings,
        List<String> matched,
        List<String> inserted,
        List<String> retracted) {}
