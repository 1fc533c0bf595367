package io.posmortem.report;

import java.util.List;

/** The rules that fired for the build, in order, each with its filled explanation. */
public record ReasoningView(int rulesInPack, int rulesFired, List<FiringView> firings) {

    /** One firing: rule id, layer, where the rule is written, and what it said. */
    public record FiringView(int sequence, String rule, String layer, String file, int line, String text) {}
}
