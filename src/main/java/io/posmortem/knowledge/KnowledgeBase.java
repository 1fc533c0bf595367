package io.posmortem.knowledge;

import io.posmortem.model.Capability;
import io.posmortem.model.FactCondition;
import io.posmortem.model.FactRow;
import io.posmortem.model.EvidenceSettings;
import io.posmortem.model.RopeTypeKeys;
import io.posmortem.model.StatisticsSettings;
import io.posmortem.model.FixOption;
import io.posmortem.model.RootCause;
import io.posmortem.model.Mechanism;
import io.posmortem.model.ModelDefault;
import io.posmortem.model.Question;
import io.posmortem.model.Reference;
import io.posmortem.model.RetrofitKind;
import io.posmortem.model.Threshold;
import io.posmortem.model.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The loaded, cross-checked knowledge base. Maps keep file order.
 *
 * @param fingerprint hex SHA-256 over the knowledge-base files (names and bytes, in name order)
 */
public record KnowledgeBase(
        String fingerprint,
        Map<String, Question> questions,
        Map<String, RootCause> hypotheses,
        Map<String, Capability> capabilities,
        Map<String, Mechanism> mechanisms,
        Map<String, RetrofitKind> retrofitKinds,
        Map<String, FixOption> fixes,
        Map<String, Threshold> thresholds,
        Map<String, Reference> references,
        List<ModelDefault> modelDefaults,
        List<ModelDefault> biasDefaults,
        List<RopeTypeKeys> ropeTypeKeys,
        List<FactRow> factRows,
        List<FactCondition> factConditions) {

    /** Threshold ids the evidence engine reads; the loader requires them. */
    static final List<String> EVIDENCE_THRESHOLDS = List.of(
            "evidence.local-min-turns", "evidence.long-range-max-turns", "evidence.alibi-unreachable-nats",
            "evidence.angle-error-tolerance", "stats.alpha", "stats.strong-p", "stats.significant-strength",
            "stats.qualitative-strength", "stats.metric-min-change", "stats.unbanded-strength", "runtime.match-tolerance",
            "rope.compressed-neighbour-ratio", "rope.local-lost-share", "rope.unseen-angle-tolerance");

    public Vocabulary vocabulary() {
        Map<String, String> families = new LinkedHashMap<>();
        retrofitKinds.values().forEach(k -> families.put(k.id(), k.family()));
        return new Vocabulary(families, new LinkedHashSet<>(capabilities.keySet()), modelDefaults, biasDefaults);
    }

    public EvidenceSettings evidenceSettings() {
        return new EvidenceSettings(
                thresholds.get("evidence.local-min-turns").value(),
                thresholds.get("evidence.long-range-max-turns").value(),
                thresholds.get("evidence.alibi-unreachable-nats").value(),
                thresholds.get("evidence.angle-error-tolerance").value(),
                thresholds.get("runtime.match-tolerance").value(),
                thresholds.get("rope.compressed-neighbour-ratio").value(),
                thresholds.get("rope.local-lost-share").value(),
                thresholds.get("rope.unseen-angle-tolerance").value());
    }

    public StatisticsSettings statisticsSettings() {
        return new StatisticsSettings(
                thresholds.get("stats.alpha").value(),
                thresholds.get("stats.strong-p").value(),
                thresholds.get("stats.significant-strength").value(),
                thresholds.get("stats.qualitative-strength").value(),
                thresholds.get("stats.metric-min-change").value(),
                thresholds.get("stats.unbanded-strength").value());
    }

    /** Knowledge facts every session starts with: hypotheses, capabilities, fixes, thresholds. */
    public List<Object> facts() {
        List<Object> facts = new ArrayList<>();
        facts.addAll(questions.values());
        facts.addAll(hypotheses.values());
        facts.addAll(capabilities.values());
        facts.addAll(fixes.values());
        facts.addAll(thresholds.values());
        facts.addAll(ropeTypeKeys);
        facts.addAll(factRows);
        facts.addAll(factConditions);
        return facts;
    }
}
