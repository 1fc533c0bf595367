package io.posmortem.report;

import io.posmortem.trace.Firing;
import io.posmortem.trace.RuleInfo;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every firing of the build in order, with its rule's layer, file and line and its filled
 * explanation; a firing of a rule the trace has no metadata for gets an empty layer and file and line 0.
 */
final class ReasoningSection {
    private ReasoningSection() {}

    static ReasoningView build(Trace trace) {
        List<ReasoningView.FiringView> firings = new ArrayList<>();
        for (Firing f : trace.firings()) {
            RuleInfo rule = trace.rules().get(f.ruleId());
            firings.add(new ReasoningView.FiringView(f.sequence(), f.ruleId(),
                    rule == null ? "" : rule.layer().name().toLowerCase(Locale.ROOT), rule == null ? "" : rule.file(),
                    rule == null ? 0 : rule.line(), trace.explain(f)));
        }
        return new ReasoningView(trace.rules().size(), trace.firedRules().size(), firings);
    }

    /** The counts without the firing list ({@code firings} null), for a summary report. */
    static ReasoningView counts(Trace trace) {
        return new ReasoningView(trace.rules().size(), trace.firedRules().size(), null);
    }
}
