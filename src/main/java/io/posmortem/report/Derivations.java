package io.posmortem.report;

import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.model.Numbers;
import io.posmortem.model.WireName;
import io.posmortem.model.derived.Belief;
import io.posmortem.model.derived.Diagnosis;
import io.posmortem.model.derived.Finding;
import io.posmortem.model.derived.Prediction;
import io.posmortem.model.derived.Support;
import io.posmortem.model.evidence.AlibiProfile;
import io.posmortem.model.evidence.BucketProfile;
import io.posmortem.model.evidence.RuntimeReport;
import io.posmortem.model.evidence.DistanceBand;
import io.posmortem.model.evidence.RopeProfile;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.input.Observation;
import io.posmortem.model.knowledge.BuildCase;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.knowledge.Threshold;
import io.posmortem.run.BuildRun;
import io.posmortem.run.TriageRun;
import io.posmortem.trace.FactEntry;
import io.posmortem.trace.Firing;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds the {@link Explanation} of a triage run from its traces. */
public final class Derivations {
    private Derivations() {}

    /** Fact types that are knowledge, not evidence: shown as leaves only when they are thresholds. */
    private static final Set<String> KNOWLEDGE = Set.of("RootCause", "Capability", "Question", "FixOption", "Subject");

    public static Explanation of(TriageRun run, Report report, KnowledgeBase kb, String version) {
        List<Explanation.BuildExplanation> builds = new ArrayList<>();
        for (int i = 0; i < run.builds().size(); i++) {
            BuildRun b = run.builds().get(i);
            BuildReport r = report.builds().get(i);
            builds.add(build(b.trace(), r, kb));
        }
        return new Explanation(report.input(), version, List.copyOf(builds));
    }

    static Explanation.BuildExplanation build(Trace trace, BuildReport report, KnowledgeBase kb) {
        Optional<Diagnosis> diagnosis = trace.liveOfBuild(Diagnosis.class).stream().findFirst();
        Explanation.Node how = diagnosis.map(d -> node(trace, trace.entryOf(d).orElseThrow(), new HashSet<>(), 0)).orElse(null);
        double min = threshold(kb, "conclusion.min-confidence");
        double margin = threshold(kb, "conclusion.min-margin");
        double leader = diagnosis.map(Diagnosis::confidence).orElse(0.0);
        String leaderId = diagnosis.map(Diagnosis::hypothesis).orElse(null);
        List<Explanation.NearMiss> whyNot = new ArrayList<>();
        for (HypothesisView h : report.hypotheses()) {
            if (h.id().equals(leaderId) && diagnosis.map(d -> d.verdict().name().equals("DIAGNOSED") || d.verdict().name().equals("NOT_POSITIONAL")).orElse(false)) {
                continue;
            }
            String requirement;
            if (h.id().equals(leaderId)) {
                requirement = "leads with certainty " + Numbers.format(h.score()) + ", but a diagnosis needs at least " + Numbers.format(min)
                        + " and a lead of " + Numbers.format(margin) + " over every other hypothesis";
            } else {
                double needed = Math.max(min, leader + margin);
                requirement = "certainty " + Numbers.format(h.score()) + " against the " + Numbers.format(needed) + " a diagnosis would need (at least "
                        + Numbers.format(min) + ", and " + Numbers.format(margin) + " above the leader's " + Numbers.format(leader) + "): short by "
                        + Numbers.format(needed - h.score());
            }
            List<Reason> against = new ArrayList<>(h.opposing());
            against.sort(Comparator.comparingDouble(Reason::weight));
            // The question as the report asks it: only what the file does not already answer.
            String ask = report.unchecked().stream().filter(u -> u.hypothesis().equals(h.id())).map(UncheckedView::ask).findFirst().orElse(null);
            whyNot.add(new Explanation.NearMiss(h.id(), h.title(), h.score(), h.status(), requirement, List.copyOf(against),
                    h.supporting(), ask));
        }
        // Hypotheses the evidence spoke about first (best first), then those nothing decided.
        whyNot.sort(Comparator.comparing((Explanation.NearMiss m) -> m.against().isEmpty() && m.support().isEmpty()));
        // The verdict's hypothesis is named as the report names it: only as a candidate (never a not-explained best belief).
        String named = report.diagnosis() != null && report.diagnosis().namesLeader() ? leaderId : null;
        return new Explanation.BuildExplanation(trace.build(), diagnosis.map(d -> WireName.of(d.verdict())).orElse("none"), named,
                leader, how, List.copyOf(whyNot));
    }

    private static double threshold(KnowledgeBase kb, String id) {
        Threshold t = kb.thresholds().get(id);
        return t == null ? Double.NaN : t.value();
    }

    /**
     * The derivation of a fact: the firing that inserted it and, below, what that firing matched.
     * A Belief is derived by accumulating supports, so its children are the supports of its hypothesis.
     */
    static Explanation.Node node(Trace trace, FactEntry entry, Set<String> seen, int depth) {
        String description = describe(entry.fact());
        if (!seen.add(entry.id())) return new Explanation.Node(entry.id(), description, null, null, true, List.of());
        if (entry.insertedBy() <= 0 || depth > 12) return new Explanation.Node(entry.id(), description, null, null, false, List.of());
        Firing firing = trace.firings().get(entry.insertedBy() - 1);
        List<Explanation.Node> children = new ArrayList<>();
        for (String id : firing.matched()) {
            FactEntry child = trace.entry(id).orElse(null);
            if (child == null || child.id().equals(entry.id()) || KNOWLEDGE.contains(child.type())) continue;
            children.add(node(trace, child, seen, depth + 1));
        }
        if (entry.fact() instanceof Belief belief) {
            List<Support> supports = new ArrayList<>(trace.liveOfBuild(Support.class).stream()
                    .filter(s -> s.hypothesis().equals(belief.hypothesis())).toList());
            supports.sort(Comparator.comparingDouble((Support s) -> -Math.abs(s.weight())).thenComparing(Support::rule));
            for (Support s : supports) trace.entryOf(s).ifPresent(e -> children.add(node(trace, e, seen, depth + 1)));
        }
        return new Explanation.Node(entry.id(), description, firing.ruleId(), trace.explain(firing), false, List.copyOf(children));
    }

    /** One line naming a fact and its key values. */
    static String describe(Object fact) {
        if (fact instanceof Diagnosis d) return "diagnosis " + d.hypothesis() + ": " + WireName.of(d.verdict()) + " (" + Numbers.format(d.confidence()) + ")";
        if (fact instanceof Belief b) return "belief in " + b.hypothesis() + ": certainty " + Numbers.format(b.certainty()) + " (MB "
                + Numbers.format(b.belief()) + ", MD " + Numbers.format(b.disbelief()) + ", " + b.supports() + " supports)";
        if (fact instanceof Support s) return "support " + (s.weight() >= 0 ? "+" : "") + Numbers.format(s.weight()) + " for " + s.hypothesis()
                + " from " + s.rule() + (s.observation().equals("-") ? "" : " (observation " + s.observation() + ")");
        if (fact instanceof Prediction p) return "prediction: " + p.capability() + " " + WireName.of(p.outcome()) + " from " + Numbers.format(p.fromTokens())
                + (p.toTokens() == Integer.MAX_VALUE ? "" : " to " + Numbers.format(p.toTokens())) + " tokens (" + p.subject() + ")";
        if (fact instanceof Finding f) return "finding " + f.id() + " = " + Numbers.format(f.value()) + (f.onset() > 0 ? " from " + Numbers.format(f.onset()) + " tokens" : "")
                + " (" + f.subject() + ")";
        if (fact instanceof Observation o) return "observation " + o.id() + ": " + o.capability() + " " + WireName.of(o.outcome()) + " at "
                + Numbers.format(o.fromTokens()) + "-" + Numbers.format(o.toTokens()) + " tokens" + (o.onset() > 0 ? ", onset " + Numbers.format(o.onset()) : "")
                + ", strength " + Numbers.format(o.strength());
        if (fact instanceof Threshold t) return "threshold " + t.id() + " = " + Numbers.format(t.value()) + " (" + t.unit() + ")";
        if (fact instanceof RotaryPair p) return "rotary pair " + p.index() + " of " + p.subject() + ": wavelength " + Numbers.format(p.wavelength())
                + ", scale " + Numbers.format(p.scale()) + ", neighbour angle x" + Numbers.format(p.neighbourAngleRatio()) + ", unseen angle x"
                + Numbers.format(p.unseenAngleRatio());
        if (fact instanceof RopeProfile r) return "RoPE numbers of " + r.subject() + ": " + r.method() + ", factor " + Numbers.format(r.factor())
                + ", base " + Numbers.format(r.effectiveBase()) + ", " + r.localPairs() + " local and " + r.longRangePairs() + " long-range pairs";
        if (fact instanceof AlibiProfile a) return "ALiBi numbers of " + a.subject() + ": gentlest slope " + Numbers.format(a.gentlestSlope())
                + ", " + Numbers.format(a.unreachableNats()) + " nats reached at " + Numbers.format(a.reachDistance()) + " tokens";
        if (fact instanceof BucketProfile b) return "T5 numbers of " + b.subject() + ": saturates at " + Numbers.format(b.saturationDistance())
                + " (bucket " + b.lastBucket() + ")";
        if (fact instanceof DistanceBand d) return "band " + d.observation() + " of " + d.subject() + ": " + Numbers.format(d.fromDistance()) + "-"
                + Numbers.format(d.toDistance()) + " tokens back";
        if (fact instanceof BuildCase c) return "build " + c.build() + ": " + c.retrofitKind() + ", " + Numbers.format(c.trainedContext()) + " -> "
                + Numbers.format(c.targetContext()) + " tokens";
        if (fact instanceof RuntimeReport r) return "runtime of build " + r.build() + (r.engine() == null ? "" : ": " + DisplayText.line(r.engine()));
        if (fact instanceof Subject s) return "subject " + s.id();
        return fact.getClass().getSimpleName();
    }
}
