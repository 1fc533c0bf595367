package io.posmortem.report;

import io.posmortem.model.derived.Belief;
import io.posmortem.model.derived.Diagnosis;
import io.posmortem.run.BuildRun;
import io.posmortem.run.TriageRun;
import io.posmortem.trace.FactEntry;
import io.posmortem.trace.Firing;
import io.posmortem.trace.RuleInfo;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the {@link TraceDocument} of a triage run. */
public final class TraceDocuments {
    private TraceDocuments() {}

    public static final int VERSION = 1;

    public static TraceDocument of(TriageRun run, String rulesFingerprint, String knowledgeFingerprint, String version) {
        List<TraceDocument.BuildTrace> builds = new ArrayList<>();
        for (BuildRun b : run.builds()) builds.add(build(b.trace()));
        return new TraceDocument(VERSION, "posmortem", version, run.input().source(), run.input().sha256(),
                new TraceDocument.Fingerprint(rulesFingerprint, knowledgeFingerprint,
                        sha256(rulesFingerprint + "\n" + knowledgeFingerprint + "\n" + version)),
                List.copyOf(builds));
    }

    static TraceDocument.BuildTrace build(Trace trace) {
        List<TraceDocument.RuleRef> rules = new ArrayList<>();
        for (RuleInfo r : trace.rules().values()) {
            rules.add(new TraceDocument.RuleRef(r.id(), r.file(), r.line(), r.layer().name().toLowerCase(Locale.ROOT)));
        }
        List<TraceDocument.FactRecord> facts = new ArrayList<>();
        for (FactEntry e : trace.facts()) facts.add(new TraceDocument.FactRecord(e.id(), e.type(), e.insertedBy(), e.retractedBy(), e.justifiedBy(), e.fact()));
        List<TraceDocument.FiringRecord> firings = new ArrayList<>();
        for (Firing f : trace.firings()) {
            RuleInfo r = trace.rules().get(f.ruleId());
            Map<String, Object> bindings = new TreeMap<>();
            f.bindings().forEach((name, value) -> bindings.put(name, binding(trace, value)));
            firings.add(new TraceDocument.FiringRecord(f.sequence(), f.ruleId(), r == null ? "" : r.file(), r == null ? 0 : r.line(),
                    r == null ? "" : r.layer().name().toLowerCase(Locale.ROOT), bindings, f.matched(), f.inserted(), f.retracted(),
                    trace.explain(f)));
        }
        TraceDocument.Conclusion conclusion = trace.liveOfBuild(Diagnosis.class).stream().findFirst()
                .map(d -> new TraceDocument.Conclusion(d.hypothesis(), io.posmortem.model.WireName.of(d.verdict()), d.confidence()))
                .orElse(null);
        Map<String, Double> beliefs = new TreeMap<>();
        for (Belief b : trace.liveOfBuild(Belief.class)) beliefs.put(b.hypothesis(), b.certainty());
        return new TraceDocument.BuildTrace(trace.build(), List.copyOf(rules), List.copyOf(facts), List.copyOf(firings), conclusion,
                beliefs);
    }

    /** A bound value as the trace shows it: a fact of the run as {@code @id}, anything else as is. */
    private static Object binding(Trace trace, Object value) {
        if (value == null || value instanceof Number || value instanceof String || value instanceof Boolean) return value;
        if (value instanceof Enum<?> e) return io.posmortem.model.WireName.of(e);
        Optional<FactEntry> entry = trace.entryOf(value);
        if (entry.isPresent()) return "@" + entry.get().id();
        return String.valueOf(value);
    }

    static String sha256(String text) {
        return io.posmortem.model.Sha256.hex(text);
    }

}
