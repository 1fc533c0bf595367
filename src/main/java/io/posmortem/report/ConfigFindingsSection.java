package io.posmortem.report;

import io.posmortem.model.derived.ConfigIssue;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the rules found wrong in the build's configuration: warnings first, then by rule and JSON pointer. */
final class ConfigFindingsSection {
    private ConfigFindingsSection() {}

    static List<ConfigIssueView> build(Trace trace) {
        List<ConfigIssueView> out = new ArrayList<>();
        for (ConfigIssue i : trace.liveOfBuild(ConfigIssue.class)) {
            out.add(new ConfigIssueView(i.id(), i.severity(), i.pointer(), TraceText.explain(trace, i), i.detail()));
        }
        out.sort(Comparator.comparing((ConfigIssueView v) -> v.severity().equals("warning") ? 0 : 1).thenComparing(ConfigIssueView::rule)
                .thenComparing(ConfigIssueView::pointer));
        return List.copyOf(out);
    }
}
