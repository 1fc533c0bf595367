package io.posmortem.knowledge;

import io.posmortem.model.evidence.RopeTypeKeys;
import io.posmortem.model.knowledge.Capability;
import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.knowledge.FactCondition;
import io.posmortem.model.knowledge.FactRow;
import io.posmortem.model.knowledge.FixOption;
import io.posmortem.model.knowledge.FixPrecondition;
import io.posmortem.model.knowledge.Mechanism;
import io.posmortem.model.knowledge.ModelDefault;
import io.posmortem.model.knowledge.ModelFamily;
import io.posmortem.model.knowledge.Question;
import io.posmortem.model.knowledge.Reference;
import io.posmortem.model.knowledge.RetrofitKind;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.model.knowledge.ServingEngine;
import io.posmortem.model.knowledge.StatisticsSettings;
import io.posmortem.model.knowledge.Threshold;
import io.posmortem.model.knowledge.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The loaded, cross-checked knowledge base. Maps keep file order.
 *
 * @param fingerprint      hex SHA-256 over the knowledge-base files (names and bytes, in name order)
 * @param engines          the engines settings are named for ({@code engines.yaml})
 * @param fixPreconditions the reported facts each check-and-change fix needs ({@code applies_when})
 * @param evalTasks        the task map of {@code posmortem import} ({@code eval-tasks.yaml}), first match wins
 * @param needleEarlyDepth a needle at this depth (percent of the context) or less is early
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
        List<ModelFamily> modelFamilies,
        List<RopeTypeKeys> ropeTypeKeys,
        List<FactRow> factRows,
        List<FactCondition> factConditions,
        Map<String, ServingEngine> engines,
        List<FixPrecondition> fixPreconditions,
        List<io.posmortem.model.knowledge.EvalTask> evalTasks,
        double needleEarlyDepth) implements java.io.Serializable {

    /** Threshold ids the evidence engine (and, for the candidate floor, the report) reads; the loader requires them. */
    static final List<String> EVIDENCE_THRESHOLDS = List.of(
            "evidence.local-min-turns", "evidence.long-range-max-turns", "evidence.alibi-unreachable-nats",
            "evidence.angle-error-tolerance", "stats.alpha", "stats.strong-p", "stats.significant-strength",
            "stats.qualitative-strength", "stats.metric-min-change", "stats.unbanded-strength", "runtime.match-tolerance",
            "rope.compressed-neighbour-ratio", "rope.local-lost-share", "rope.unseen-angle-tolerance", "conclusion.candidate-floor");

    public Vocabulary vocabulary() {
        Map<String, String> families = new LinkedHashMap<>();
        retrofitKinds.values().forEach(k -> families.put(k.id(), k.family()));
        return new Vocabulary(families, new LinkedHashSet<>(capabilities.keySet()), modelDefaults, biasDefaults, modelFamilies);
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

    /** The engine a symptom file's free-text {@code runtime.engine} names, if any ({@link EngineNames}). */
    public java.util.Optional<ServingEngine> engineOf(String runtimeEngine) {
        return EngineNames.match(runtimeEngine, engines.values());
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
        facts.addAll(fixPreconditions);
        return facts;
    }
}
