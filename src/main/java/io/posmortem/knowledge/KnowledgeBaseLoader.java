package io.posmortem.knowledge;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.intake.SourceText;
import io.posmortem.knowledge.EntryShapes.CapabilityEntry;
import io.posmortem.knowledge.EntryShapes.DefaultEntry;
import io.posmortem.knowledge.EntryShapes.FamilyEntry;
import io.posmortem.knowledge.EntryShapes.FactRowEntry;
import io.posmortem.knowledge.EntryShapes.EngineEntry;
import io.posmortem.knowledge.EntryShapes.EvalTaskEntry;
import io.posmortem.knowledge.EntryShapes.FixEntry;
import io.posmortem.knowledge.EntryShapes.HypothesisEntry;
import io.posmortem.knowledge.EntryShapes.MechanismEntry;
import io.posmortem.knowledge.EntryShapes.QuestionEntry;
import io.posmortem.knowledge.EntryShapes.ReferenceEntry;
import io.posmortem.knowledge.EntryShapes.RetrofitKindEntry;
import io.posmortem.knowledge.EntryShapes.RopeTypeEntry;
import io.posmortem.knowledge.EntryShapes.ThresholdEntry;
import io.posmortem.model.Problem;
import io.posmortem.model.Sha256;
import io.posmortem.model.Spelling;
import io.posmortem.model.evidence.ReportedFact;
import io.posmortem.model.evidence.RopeTypeKeys;
import io.posmortem.model.knowledge.Capability;
import io.posmortem.model.knowledge.FactCondition;
import io.posmortem.model.knowledge.FactRow;
import io.posmortem.model.knowledge.EngineSetting;
import io.posmortem.model.knowledge.EvalTask;
import io.posmortem.model.knowledge.FixOption;
import io.posmortem.model.knowledge.FixPrecondition;
import io.posmortem.model.FixVerification;
import io.posmortem.model.knowledge.ServingEngine;
import io.posmortem.model.knowledge.Mechanism;
import io.posmortem.model.knowledge.ModelDefault;
import io.posmortem.model.knowledge.ModelFamily;
import io.posmortem.model.knowledge.Question;
import io.posmortem.model.knowledge.Reference;
import io.posmortem.model.knowledge.RetrofitKind;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.model.knowledge.Threshold;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads {@code knowledge-base/}: twelve YAML files with fixed names. Each file is validated against its
 * JSON Schema ({@code schema/knowledge-base/NAME.schema.json}: fields, types, unknown keys) and its
 * entries bound to records ({@link KnowledgeFile}); this class checks what a schema cannot: ids
 * defined twice, every cross-reference (question, mechanism, fix, hypothesis, retrofit kind,
 * threshold, literature id, engine) against what is defined, and the vocabularies the Java code implements
 * (mechanism families and methods, scopes, build families, facts and their states). All problems
 * are reported in one pass.
 */
public final class KnowledgeBaseLoader {

    /** The files a knowledge base consists of. */
    public static final List<String> FILES = List.of(
            "capabilities.yaml", "hypotheses.yaml", "mechanisms.yaml", "retrofit-kinds.yaml",
            "fixes.yaml", "thresholds.yaml", "literature.yaml", "defaults.yaml", "config-keys.yaml", "runtime-facts.yaml", "engines.yaml",
            "eval-tasks.yaml");

    /** Mechanism families and the methods the evidence engine implements for each. */
    static final Map<String, Set<String>> METHODS = Map.of(
            "rope", Set.of("default", "linear", "ntk-aware", "yarn", "configured", "runtime-base", "runtime-factor",
                    "fine-tuned-scale", "angle-precision", "new-base"),
            "alibi", Set.of("alibi"),
            "t5", Set.of("t5-buckets"),
            "facts", Set.of("facts"));

    /** Parameters a method needs a default for (a fix may override them). */
    static final Map<String, List<String>> PARAMETERS = Map.of("yarn", List.of("beta_fast", "beta_slow"));

    static final Set<String> RETROFIT_FAMILIES = Set.of("rope", "relative-bias", "learned", "none");

    private KnowledgeBaseLoader() {}

    /**
     * Loads the knowledge base in {@code dir}, or reads its snapshot ({@link KnowledgeSnapshot}) when
     * these files loaded without a problem before (with this build of posmortem); all problems are
     * thrown at once.
     */
    public static KnowledgeBase load(Path dir) throws KnowledgeBaseException {
        // Every file's bytes first: they name the snapshot; what cannot be read is reported in file order below.
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        Map<String, InvalidInputException> unreadable = new LinkedHashMap<>();
        MessageDigest digest = Sha256.digest();
        for (String name : FILES) {
            try {
                byte[] content = SourceText.readBytes(dir.resolve(name));
                bytes.put(name, content);
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update(content);
            } catch (InvalidInputException e) {
                unreadable.put(name, e);
            }
        }
        String fingerprint = Sha256.hex(digest);
        if (unreadable.isEmpty()) {
            KnowledgeBase snapshot = KnowledgeSnapshot.read(fingerprint);
            if (snapshot != null) return snapshot;
        }

        List<Problem> problems = new ArrayList<>();
        Map<String, LocatedDocument> docs = new LinkedHashMap<>();
        for (String name : FILES) {
            InvalidInputException failed = unreadable.get(name);
            if (failed != null) {
                problems.addAll(failed.problems());
                continue;
            }
            try {
                docs.put(name, LocatedDocument.parse(SourceText.of(dir.resolve(name).toString(), bytes.get(name)), LocatedDocument.Syntax.YAML));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) throw new KnowledgeBaseException(problems);

        KnowledgeFile caps = file("capabilities.yaml", docs, problems);
        Ids<Capability> capabilities = byId(caps, "capabilities", CapabilityEntry.class, CapabilityEntry::toModel, Capability::id);
        for (var e : caps.entries("capabilities", CapabilityEntry.class)) {
            String scope = e.value().toModel().scope();
            if (!Capability.SCOPES.contains(scope)) caps.problem("kb.value", e.pointer() + "/scope", "unknown scope '" + scope + "'",
                    "one of " + String.join(", ", Capability.SCOPES));
        }

        KnowledgeFile lit = file("literature.yaml", docs, problems);
        Ids<Reference> references = byId(lit, "references", ReferenceEntry.class, ReferenceEntry::toModel, Reference::id);

        KnowledgeFile mech = file("mechanisms.yaml", docs, problems);
        Ids<Mechanism> mechanisms = byId(mech, "mechanisms", MechanismEntry.class, MechanismEntry::toModel, Mechanism::id);
        for (var e : mech.entries("mechanisms", MechanismEntry.class)) {
            Mechanism m = e.value().toModel();
            String p = e.pointer();
            Set<String> methods = METHODS.get(m.family());
            if (methods == null) {
                mech.problem("kb.value", p + "/family", "unknown mechanism family '" + m.family() + "'", "one of " + String.join(", ", METHODS.keySet()));
            } else if (!methods.contains(m.method())) {
                mech.problem("kb.value", p + "/method", "the evidence engine has no method '" + m.method() + "' for family " + m.family(),
                        "one of " + String.join(", ", methods));
            }
            for (String needed : PARAMETERS.getOrDefault(m.method(), List.of())) {
                if (!m.defaults().containsKey(needed)) mech.problem("kb.missing", p + "/defaults",
                        "method " + m.method() + " needs a default for " + needed, null);
            }
        }

        KnowledgeFile hyp = file("hypotheses.yaml", docs, problems);
        Ids<Question> questions = byId(hyp, "questions", QuestionEntry.class, QuestionEntry::toModel, Question::id);
        Ids<RootCause> hypotheses = byId(hyp, "hypotheses", HypothesisEntry.class, HypothesisEntry::toModel, RootCause::id);
        for (var e : hyp.entries("hypotheses", HypothesisEntry.class)) {
            RootCause h = e.value().toModel();
            String p = e.pointer();
            for (String family : h.candidateFor()) {
                if (!RETROFIT_FAMILIES.contains(family)) hyp.problem("kb.value", p + "/candidate_for",
                        "unknown build family '" + family + "'", "one of " + String.join(", ", new java.util.TreeSet<>(RETROFIT_FAMILIES)));
            }
            if (!h.positional() && h.check() == null) hyp.problem("kb.missing", p + "/check",
                    "a non-positional hypothesis needs the check that confirms it", null);
            if (!h.asksFor().isEmpty() && h.ask() == null) hyp.problem("kb.missing", p + "/ask",
                    "asks_for splits the ask, but the hypothesis has no ask", null);
            for (int i = 0; i < h.asksFor().size(); i++) {
                for (String field : h.asksFor().get(i).fields()) {
                    if (!io.posmortem.model.knowledge.AskPart.FIELDS.contains(field)) hyp.problem("kb.value", p + "/asks_for/" + i + "/fields",
                            "unknown symptom-file field '" + field + "'", "one of " + String.join(", ", io.posmortem.model.knowledge.AskPart.FIELDS));
                }
            }
        }

        KnowledgeFile kinds = file("retrofit-kinds.yaml", docs, problems);
        Ids<RetrofitKind> retrofitKinds = byId(kinds, "retrofit_kinds", RetrofitKindEntry.class, RetrofitKindEntry::toModel,
                RetrofitKind::id);
        for (RetrofitKind k : retrofitKinds.values()) {
            if (!RETROFIT_FAMILIES.contains(k.family())) kinds.problem("kb.value", retrofitKinds.pointer(k.id()) + "/family",
                    "unknown retrofit family '" + k.family() + "'", "one of " + String.join(", ", RETROFIT_FAMILIES));
        }

        KnowledgeFile en = file("engines.yaml", docs, problems);
        Ids<ServingEngine> engines = byId(en, "engines", EngineEntry.class, EngineEntry::toModel, ServingEngine::id);
        Map<String, String> aliasOwner = new LinkedHashMap<>();
        for (ServingEngine e : engines.values()) {
            e.references().forEach(r -> expect(en, engines.pointer(e.id()) + "/references", "reference", r, references));
            if (!e.scaling().isEmpty() && e.references().isEmpty()) en.problem("kb.missing", engines.pointer(e.id()) + "/references",
                    "engine " + e.id() + " states how it applies rope scaling without a source", "cite the code or thread in references");
            if (!e.slidingWindow().isEmpty() && e.references().isEmpty()) en.problem("kb.missing", engines.pointer(e.id()) + "/references",
                    "engine " + e.id() + " states how its attention backends treat a sliding window without a source",
                    "cite the code or thread in references");
            for (String alias : e.aliases()) {
                String owner = aliasOwner.putIfAbsent(alias, e.id());
                if (owner != null) en.problem("kb.duplicate-id", engines.pointer(e.id()) + "/aliases",
                        "alias '" + alias + "' already names engine " + owner, "an alias must name one engine");
            }
        }

        KnowledgeFile fx = file("fixes.yaml", docs, problems);
        Ids<FixOption> fixes = byId(fx, "fixes", FixEntry.class, FixEntry::toModel, FixOption::id);
        List<FixPrecondition> fixPreconditions = new ArrayList<>();
        for (var e : fx.entries("fixes", FixEntry.class)) {
            FixEntry f = e.value();
            String p = e.pointer();
            String id = EntryShapes.strip(f.id());
            if (f.appliesWhen() == null) continue;
            for (Map.Entry<String, List<String>> c : f.appliesWhen().entrySet()) {
                String cp = p + "/applies_when/" + LocatedDocument.escape(c.getKey());
                List<String> states = EntryShapes.list(c.getValue()).stream().map(String::strip).toList();
                states.forEach(st -> factState(fx, cp, c.getKey(), st));
                if (c.getKey().equals("engine")) states.forEach(st -> expect(fx, cp, "engine", st, engines));
                fixPreconditions.add(new FixPrecondition(id, c.getKey(), states));
            }
        }

        KnowledgeFile th = file("thresholds.yaml", docs, problems);
        List<KnowledgeFile.Entry<ThresholdEntry>> thresholdEntries = th.entries("thresholds", ThresholdEntry.class);
        Ids<Threshold> thresholds = byId(th, "thresholds", ThresholdEntry.class, ThresholdEntry::toModel, Threshold::id);
        for (var e : thresholdEntries) {
            Threshold t = e.value().toModel();
            for (String other : EntryShapes.list(e.value().mustExceed())) {
                Threshold o = thresholds.get(other);
                if (!thresholds.known().contains(other)) {
                    th.problem("kb.unknown-reference", e.pointer() + "/must_exceed", "unknown threshold '" + other + "'",
                            Spelling.closest(other, thresholds.keySet()).map(x -> "did you mean '" + x + "'?").orElse(null));
                } else if (o != null && !(t.value() > o.value())) {
                    th.problem("kb.value", e.pointer() + "/value", "threshold " + t.id() + " = " + t.value()
                            + " must exceed " + o.id() + " = " + o.value() + " (contradictory thresholds)", null);
                }
            }
        }

        KnowledgeFile keys = file("config-keys.yaml", docs, problems);
        List<String> always = keys.texts("always");
        List<RopeTypeKeys> ropeTypeKeys = new ArrayList<>();
        for (var e : keys.entries("rope_types", RopeTypeEntry.class)) {
            RopeTypeEntry t = e.value();
            ropeTypeKeys.add(RopeTypeKeys.of(EntryShapes.strip(t.type()), EntryShapes.list(t.required()), EntryShapes.list(t.optional()), always));
        }

        KnowledgeFile rf = file("runtime-facts.yaml", docs, problems);
        List<FactRow> factRows = new ArrayList<>();
        List<String> rowPointers = new ArrayList<>();
        List<FactCondition> factConditions = new ArrayList<>();
        Set<String> rowIds = new LinkedHashSet<>();
        for (var e : rf.entries("rows", FactRowEntry.class)) {
            FactRowEntry r = e.value();
            String p = e.pointer();
            String id = EntryShapes.strip(r.id());
            if (!rowIds.add(id)) rf.problem("kb.duplicate-id", p + "/id", "row id '" + id + "' is used twice", null);
            String fact = EntryShapes.strip(r.fact());
            factState(rf, p + "/fact", fact, null);
            for (String key : List.of("when", "unless")) {
                Map<String, List<String>> conditions = key.equals("when") ? r.when() : r.unless();
                if (conditions == null) continue;
                for (Map.Entry<String, List<String>> c : conditions.entrySet()) {
                    String cp = p + "/" + key + "/" + LocatedDocument.escape(c.getKey());
                    List<String> states = EntryShapes.list(c.getValue());
                    states.forEach(s -> factState(rf, cp, c.getKey(), s));
                    factConditions.add(new FactCondition(id, c.getKey(), states, key.equals("unless")));
                }
            }
            if (r.when() == null && r.unless() == null) rf.problem("kb.missing", p, "a row needs a 'when' or an 'unless' condition", null);
            factRows.add(new FactRow(id, EntryShapes.list(r.hypotheses()), fact, r.weight(), Boolean.TRUE.equals(r.decisive()),
                    EntryShapes.strip(r.reading())));
            rowPointers.add(p);
        }

        KnowledgeFile def = file("defaults.yaml", docs, problems);
        List<ModelDefault> modelDefaults = def.entries("model", DefaultEntry.class).stream().map(e -> e.value().toModel()).toList();
        List<ModelDefault> biasDefaults = def.entries("relative_bias", DefaultEntry.class).stream().map(e -> e.value().toModel()).toList();
        List<ModelFamily> modelFamilies = def.entries("families", FamilyEntry.class).stream().map(e -> e.value().toModel()).toList();

        // Cross-references.
        for (RootCause h : hypotheses.values()) {
            String p = hypotheses.pointer(h.id());
            expect(hyp, p + "/question", "question", h.question(), questions);
            expect(hyp, p + "/mechanism", "mechanism", h.mechanism(), mechanisms);
            h.fixes().forEach(f -> expect(hyp, p + "/fixes", "fix", f, fixes));
            h.references().forEach(r -> expect(hyp, p + "/references", "reference", r, references));
        }
        for (RetrofitKind k : retrofitKinds.values()) {
            String p = retrofitKinds.pointer(k.id());
            if (k.statedReading() != null) expect(kinds, p + "/stated_reading", "hypothesis", k.statedReading(), hypotheses);
            if (k.mappingMechanism() != null) expect(kinds, p + "/mapping_mechanism", "mechanism", k.mappingMechanism(), mechanisms);
            k.candidates().forEach(c -> expect(kinds, p + "/candidates", "hypothesis", c, hypotheses));
            if (k.candidates().isEmpty()) kinds.problem("kb.value", p + "/candidates", "a retrofit kind needs at least one candidate", null);
            long questionsAsked = k.candidates().stream().map(hypotheses::get).filter(java.util.Objects::nonNull)
                    .map(RootCause::question).distinct().count();
            if (questionsAsked > 1) kinds.problem("kb.value", p + "/candidates",
                    "the candidates of a retrofit kind must answer one question; these answer " + questionsAsked, null);
            for (String c : k.candidates()) {
                RootCause h = hypotheses.get(c);
                Mechanism m = h == null ? null : mechanisms.get(h.mechanism());
                if (m != null && !familyRuns(k.family(), m.family())) kinds.problem("kb.value", p + "/candidates",
                        "candidate '" + c + "' runs a " + m.family() + " mechanism, but a " + k.family() + " build cannot", null);
            }
        }
        for (int i = 0; i < factRows.size(); i++) {
            String p = rowPointers.get(i);
            for (String h : factRows.get(i).hypotheses()) expect(rf, p + "/hypotheses", "hypothesis", h, hypotheses);
        }
        for (FactCondition c : factConditions) {
            if (!c.fact().equals("retrofit-kind")) continue;
            String p = rowPointers.get(factRows.stream().map(FactRow::id).toList().indexOf(c.row()));
            for (String k : c.states()) expect(rf, p + "/" + (c.negated() ? "unless" : "when") + "/retrofit-kind",
                    "retrofit kind", k, retrofitKinds);
        }
        for (FixOption f : fixes.values()) {
            String p = fixes.pointer(f.id());
            f.references().forEach(r -> expect(fx, p + "/references", "reference", r, references));
            if (f.verification() == FixVerification.NUMERIC) {
                if (f.mechanism() == null) fx.problem("kb.missing", p + "/mechanism",
                        "a numeric fix needs the mechanism whose numbers it produces", "or mark it 'verification: instruction' with settings");
                else expect(fx, p + "/mechanism", "mechanism", f.mechanism(), mechanisms);
                for (String key : List.of("settings", "check")) {
                    boolean given = key.equals("settings") ? !f.settings().isEmpty() : f.check() != null;
                    if (given) fx.problem("kb.value", p + "/" + key, "only an instruction fix has " + key,
                            "mark the fix 'verification: instruction', or drop " + key);
                }
                if (fixPreconditions.stream().anyMatch(c -> c.fix().equals(f.id()))) fx.problem("kb.value", p + "/applies_when",
                        "a numeric fix is recommended by its verified numbers, not by preconditions", "drop applies_when");
            } else {
                if (f.mechanism() != null) fx.problem("kb.value", p + "/mechanism",
                        "an instruction fix has no numbers to compute", "drop the mechanism, or make the fix numeric");
                if (!f.parameters().isEmpty()) fx.problem("kb.value", p + "/parameters",
                        "an instruction fix has no parameters to compute with", "put the values into each setting's change");
                if (f.settings().isEmpty()) fx.problem("kb.missing", p + "/settings",
                        "an instruction fix needs the setting per engine", null);
                if (f.check() == null) fx.problem("kb.missing", p + "/check",
                        "an instruction fix needs the check to run after the change", null);
                for (int i = 0; i < f.settings().size(); i++) {
                    EngineSetting s = f.settings().get(i);
                    expect(fx, p + "/settings/" + i + "/engine", "engine", s.engine(), engines);
                    expect(fx, p + "/settings/" + i + "/reference", "reference", s.reference(), references);
                }
            }
        }
        for (FactCondition c : factConditions) {
            if (!c.fact().equals("engine")) continue;
            String p = rowPointers.get(factRows.stream().map(FactRow::id).toList().indexOf(c.row()));
            for (String st : c.states()) expect(rf, p + "/" + (c.negated() ? "unless" : "when") + "/engine", "engine", st, engines);
        }
        for (Mechanism m : mechanisms.values()) {
            String p = mechanisms.pointer(m.id());
            m.references().forEach(r -> expect(mech, p + "/references", "reference", r, references));
        }
        for (String required : KnowledgeBase.EVIDENCE_THRESHOLDS) {
            if (!thresholds.containsKey(required)) th.problem("kb.missing", "/thresholds",
                    "threshold '" + required + "' is required by the evidence engine", null);
        }
        for (String field : List.of("/head_dim", "/heads", "/rope_base", "/rotary_fraction", "/name")) {
            if (modelDefaults.stream().noneMatch(d -> d.pointer().equals(field))) {
                def.problem("kb.missing", "/model", "no default for model field " + field, null);
            }
        }
        for (String field : List.of("/num_buckets", "/max_distance", "/bidirectional")) {
            if (biasDefaults.stream().noneMatch(d -> d.pointer().equals(field))) {
                def.problem("kb.missing", "/relative_bias", "no default for relative_bias field " + field, null);
            }
        }
        KnowledgeFile tasks = file("eval-tasks.yaml", docs, problems);
        Ids<EvalTask> evalTasks = byId(tasks, "tasks", EvalTaskEntry.class, EvalTaskEntry::toModel, EvalTask::id);
        for (var e : tasks.entries("tasks", EvalTaskEntry.class)) {
            expect(tasks, e.pointer() + "/capability", "capability", e.value().toModel().capability(), capabilities);
        }
        double earlyDepth = tasks.root().path("needle_early_depth_percent").asDouble(10);
        if (!problems.isEmpty()) throw new KnowledgeBaseException(problems);
        KnowledgeBase kb = new KnowledgeBase(fingerprint, questions.byId(), hypotheses.byId(), capabilities.byId(),
                mechanisms.byId(), retrofitKinds.byId(), fixes.byId(), thresholds.byId(), references.byId(), modelDefaults, biasDefaults, modelFamilies,
                List.copyOf(ropeTypeKeys), List.copyOf(factRows), List.copyOf(factConditions), engines.byId(), List.copyOf(fixPreconditions),
                List.copyOf(evalTasks.byId().values()), earlyDepth);
        KnowledgeSnapshot.write(kb);
        return kb;
    }

    /** A problem unless {@code fact} is a fact the evidence stage reads and {@code state} (when given) one of its states. */
    private static void factState(KnowledgeFile entries, String pointer, String fact, String state) {
        List<String> states = ReportedFact.STATES.get(fact);
        if (states == null) {
            entries.problem("kb.value", pointer, "unknown fact '" + fact + "'",
                    Spelling.closest(fact, ReportedFact.STATES.keySet()).map(s -> "did you mean '" + s + "'?")
                            .orElse("one of " + String.join(", ", new java.util.TreeSet<>(ReportedFact.STATES.keySet()))));
        } else if (state != null && !states.isEmpty() && !states.contains(state)) {
            entries.problem("kb.value", pointer, "fact '" + fact + "' has no state '" + state + "'",
                    Spelling.closest(state, states).map(s -> "did you mean '" + s + "'? (").orElse("(") + "states: " + String.join(", ", states) + ")");
        }
    }

    /** Whether a build of a retrofit family can be running a mechanism of a family. */
    static boolean familyRuns(String retrofitFamily, String mechanismFamily) {
        if (mechanismFamily.equals("facts")) return true;
        return switch (retrofitFamily) {
            case "rope" -> mechanismFamily.equals("rope");
            case "relative-bias" -> mechanismFamily.equals("alibi") || mechanismFamily.equals("t5");
            default -> false;
        };
    }

    private static KnowledgeFile file(String name, Map<String, LocatedDocument> docs, List<Problem> problems) {
        return new KnowledgeFile(name, docs.get(name), problems);
    }

    /**
     * The entries of one list by id, in file order, with where each is written. {@link #known()}
     * also holds the ids of entries the schema refused, so a reference to one is not reported again.
     */
    private record Ids<T>(Map<String, T> byId, Map<String, String> pointers, Set<String> known) {
        T get(String id) {
            return byId.get(id);
        }

        Collection<T> values() {
            return byId.values();
        }

        Set<String> keySet() {
            return byId.keySet();
        }

        boolean containsKey(String id) {
            return byId.containsKey(id);
        }

        String pointer(String id) {
            return pointers.get(id);
        }
    }

    private static <E, T> Ids<T> byId(KnowledgeFile file, String list, Class<E> shape, Function<E, T> toModel, Function<T, String> id) {
        Ids<T> out = new Ids<>(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashSet<>());
        for (KnowledgeFile.Entry<E> e : file.entries(list, shape)) {
            T value = toModel.apply(e.value());
            String key = id.apply(value);
            if (out.byId().putIfAbsent(key, value) != null) {
                file.problem("kb.duplicate-id", e.pointer() + "/id", "id '" + key + "' is defined twice", null);
            } else {
                out.pointers().put(key, e.pointer());
            }
        }
        out.known().addAll(out.byId().keySet());
        out.known().addAll(file.invalidIds(list, "id"));
        return out;
    }

    private static void expect(KnowledgeFile file, String pointer, String what, String id, Ids<?> ids) {
        if (!ids.known().contains(id)) {
            file.problem("kb.unknown-reference", pointer, "unknown " + what + " '" + id + "'",
                    Spelling.closest(id, ids.keySet()).map(s -> "did you mean '" + s + "'?").orElse(null));
        }
    }
}
