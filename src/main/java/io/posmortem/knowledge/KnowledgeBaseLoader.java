package io.posmortem.knowledge;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.intake.SourceText;
import io.posmortem.model.BuildFact;
import io.posmortem.model.Capability;
import io.posmortem.model.FactCondition;
import io.posmortem.model.FactRow;
import io.posmortem.model.FixOption;
import io.posmortem.model.RootCause;
import io.posmortem.model.RopeTypeKeys;
import io.posmortem.model.Mechanism;
import io.posmortem.model.ModelDefault;
import io.posmortem.model.Problem;
import io.posmortem.model.Question;
import io.posmortem.model.Reference;
import io.posmortem.model.RetrofitKind;
import io.posmortem.model.Sha256;
import io.posmortem.model.Spelling;
import io.posmortem.model.Threshold;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import tools.jackson.databind.JsonNode;

/**
 * Loads {@code knowledge-base/}: eight YAML files with fixed names, each entry checked for its
 * fields, and every cross-reference (mechanism, fix, hypothesis, question, literature id) checked
 * against what is defined. All problems are reported in one pass.
 */
public final class KnowledgeBaseLoader {

    /** The files a knowledge base consists of. */
    public static final List<String> FILES = List.of(
            "capabilities.yaml", "hypotheses.yaml", "mechanisms.yaml", "retrofit-kinds.yaml",
            "fixes.yaml", "thresholds.yaml", "literature.yaml", "defaults.yaml", "config-keys.yaml", "runtime-facts.yaml");

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

    public static KnowledgeBase load(Path dir) throws KnowledgeBaseException {
        List<Problem> problems = new ArrayList<>();
        Map<String, LocatedDocument> docs = new LinkedHashMap<>();
        MessageDigest digest = Sha256.digest();
        for (String name : FILES) {
            Path file = dir.resolve(name);
            try {
                SourceText text = SourceText.read(file);
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
                docs.put(name, LocatedDocument.parse(text, LocatedDocument.Syntax.YAML));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(new Problem("kb.unreadable", file.toString(), "", 0, 0, e.getMessage(), null, null));
            }
        }
        if (!problems.isEmpty()) throw new KnowledgeBaseException(problems);

        Entries caps = new Entries(docs.get("capabilities.yaml"), problems);
        Map<String, Capability> capabilities = byId(caps, caps.list("capabilities"), "/capabilities", (e, p) -> {
            caps.onlyKeys(e, p, Set.of("id", "title", "scope", "degraded_means", "examples"));
            Capability c = new Capability(caps.text(e, p, "id"), caps.text(e, p, "title"), caps.text(e, p, "scope"),
                    caps.text(e, p, "degraded_means"), caps.texts(e, p, "examples"));
            if (!Capability.SCOPES.contains(c.scope())) caps.problem("kb.value", p + "/scope", "unknown scope '" + c.scope() + "'",
                    "one of " + String.join(", ", Capability.SCOPES));
            return c;
        }, Capability::id);

        Entries lit = new Entries(docs.get("literature.yaml"), problems);
        Map<String, Reference> references = byId(lit, lit.list("references"), "/references", (e, p) -> {
            lit.onlyKeys(e, p, Set.of("id", "citation", "url", "note"));
            String url = e.path("url").asString("");
            return new Reference(lit.text(e, p, "id"), lit.text(e, p, "citation"), url, lit.text(e, p, "note"));
        }, Reference::id);

        Entries mech = new Entries(docs.get("mechanisms.yaml"), problems);
        Map<String, Mechanism> mechanisms = byId(mech, mech.list("mechanisms"), "/mechanisms", (e, p) -> {
            mech.onlyKeys(e, p, Set.of("id", "family", "method", "title", "formula", "defaults", "references"));
            Mechanism m = new Mechanism(mech.text(e, p, "id"), mech.text(e, p, "family"), mech.text(e, p, "method"),
                    mech.text(e, p, "title"), mech.text(e, p, "formula"), mech.numbers(e, p, "defaults"), mech.texts(e, p, "references"));
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
            return m;
        }, Mechanism::id);

        Entries hyp = new Entries(docs.get("hypotheses.yaml"), problems);
        Map<String, Question> questions = byId(hyp, hyp.list("questions"), "/questions", (e, p) -> {
            hyp.onlyKeys(e, p, Set.of("id", "text"));
            return new Question(hyp.text(e, p, "id"), hyp.text(e, p, "text"));
        }, Question::id);
        Map<String, RootCause> hypotheses = byId(hyp, hyp.list("hypotheses"), "/hypotheses", (e, p) -> {
            hyp.onlyKeys(e, p, Set.of("id", "question", "title", "mechanism", "summary", "why_not", "fixes", "references",
                    "positional", "candidate_for", "check", "ask", "configured_methods"));
            RootCause h = new RootCause(hyp.text(e, p, "id"), hyp.text(e, p, "question"), hyp.text(e, p, "title"),
                    hyp.text(e, p, "mechanism"), hyp.text(e, p, "summary"), hyp.text(e, p, "why_not"),
                    hyp.texts(e, p, "fixes"), hyp.texts(e, p, "references"),
                    !e.has("positional") || hyp.bool(e, p, "positional"),
                    e.has("candidate_for") ? hyp.texts(e, p, "candidate_for") : List.of(),
                    hyp.optionalText(e, p, "check"), hyp.optionalText(e, p, "ask"),
                    e.has("configured_methods") ? hyp.texts(e, p, "configured_methods") : List.of());
            for (String family : h.candidateFor()) {
                if (!RETROFIT_FAMILIES.contains(family)) hyp.problem("kb.value", p + "/candidate_for",
                        "unknown build family '" + family + "'", "one of " + String.join(", ", new java.util.TreeSet<>(RETROFIT_FAMILIES)));
            }
            if (!h.positional() && h.check() == null) hyp.problem("kb.missing", p + "/check",
                    "a non-positional hypothesis needs the check that confirms it", null);
            return h;
        }, RootCause::id);

        Entries kinds = new Entries(docs.get("retrofit-kinds.yaml"), problems);
        Map<String, RetrofitKind> retrofitKinds = byId(kinds, kinds.list("retrofit_kinds"), "/retrofit_kinds", (e, p) -> {
            kinds.onlyKeys(e, p, Set.of("id", "title", "family", "loose", "stated_reading", "candidates", "mapping_mechanism", "description"));
            RetrofitKind k = new RetrofitKind(kinds.text(e, p, "id"), kinds.text(e, p, "title"), kinds.text(e, p, "family"),
                    kinds.bool(e, p, "loose"), kinds.optionalText(e, p, "stated_reading"), kinds.texts(e, p, "candidates"),
                    kinds.optionalText(e, p, "mapping_mechanism"), kinds.text(e, p, "description"));
            if (!RETROFIT_FAMILIES.contains(k.family())) kinds.problem("kb.value", p + "/family",
                    "unknown retrofit family '" + k.family() + "'", "one of " + String.join(", ", RETROFIT_FAMILIES));
            return k;
        }, RetrofitKind::id);

        Entries fx = new Entries(docs.get("fixes.yaml"), problems);
        Map<String, FixOption> fixes = byId(fx, fx.list("fixes"), "/fixes", (e, p) -> {
            fx.onlyKeys(e, p, Set.of("id", "title", "mechanism", "parameters", "requires", "summary", "caveat", "references"));
            return new FixOption(fx.text(e, p, "id"), fx.text(e, p, "title"), fx.text(e, p, "mechanism"),
                    fx.numbers(e, p, "parameters"), fx.optionalText(e, p, "requires"), fx.text(e, p, "summary"),
                    fx.text(e, p, "caveat"), fx.texts(e, p, "references"));
        }, FixOption::id);

        Entries th = new Entries(docs.get("thresholds.yaml"), problems);
        Map<String, Threshold> thresholds = byId(th, th.list("thresholds"), "/thresholds", (e, p) -> {
            th.onlyKeys(e, p, Set.of("id", "value", "unit", "meaning", "source", "must_exceed"));
            return new Threshold(th.text(e, p, "id"), th.number(e, p, "value"), th.text(e, p, "unit"),
                    th.text(e, p, "meaning"), th.text(e, p, "source"));
        }, Threshold::id);

        List<JsonNode> thresholdEntries = th.list("thresholds");
        for (int i = 0; i < thresholdEntries.size(); i++) {
            JsonNode e = thresholdEntries.get(i);
            if (!e.has("must_exceed")) continue;
            Threshold t = thresholds.get(e.path("id").asString());
            for (String other : th.texts(e, "/thresholds/" + i, "must_exceed")) {
                Threshold o = thresholds.get(other);
                if (o == null) {
                    th.problem("kb.unknown-reference", "/thresholds/" + i + "/must_exceed", "unknown threshold '" + other + "'",
                            Spelling.closest(other, thresholds.keySet()).map(x -> "did you mean '" + x + "'?").orElse(null));
                } else if (t != null && !(t.value() > o.value())) {
                    th.problem("kb.value", "/thresholds/" + i + "/value", "threshold " + t.id() + " = " + t.value()
                            + " must exceed " + o.id() + " = " + o.value() + " (contradictory thresholds)", null);
                }
            }
        }

        Entries keys = new Entries(docs.get("config-keys.yaml"), problems);
        List<String> always = keys.texts(keys.root(), "", "always");
        List<RopeTypeKeys> ropeTypeKeys = new ArrayList<>();
        List<JsonNode> typeEntries = keys.list("rope_types");
        for (int i = 0; i < typeEntries.size(); i++) {
            JsonNode e = typeEntries.get(i);
            String p = "/rope_types/" + i;
            keys.onlyKeys(e, p, Set.of("type", "required", "optional"));
            ropeTypeKeys.add(RopeTypeKeys.of(keys.text(e, p, "type"), keys.texts(e, p, "required"), keys.texts(e, p, "optional"), always));
        }

        Entries rf = new Entries(docs.get("runtime-facts.yaml"), problems);
        List<FactRow> factRows = new ArrayList<>();
        List<FactCondition> factConditions = new ArrayList<>();
        List<JsonNode> rowEntries = rf.list("rows");
        Set<String> rowIds = new LinkedHashSet<>();
        for (int i = 0; i < rowEntries.size(); i++) {
            JsonNode e = rowEntries.get(i);
            String p = "/rows/" + i;
            rf.onlyKeys(e, p, Set.of("id", "hypotheses", "fact", "when", "unless", "weight", "decisive", "reading"));
            String id = rf.text(e, p, "id");
            if (!rowIds.add(id)) rf.problem("kb.duplicate-id", p + "/id", "row id '" + id + "' is used twice", null);
            double weight = rf.number(e, p, "weight");
            if (!(weight >= -1 && weight <= 1)) rf.problem("kb.value", p + "/weight", "a row's weight must be in [-1, 1], got " + weight, null);
            String fact = rf.text(e, p, "fact");
            factState(rf, p + "/fact", fact, null);
            for (String key : List.of("when", "unless")) {
                JsonNode conditions = e.path(key);
                if (conditions.isMissingNode()) continue;
                for (String f : conditions.propertyNames()) {
                    String cp = p + "/" + key + "/" + LocatedDocument.escape(f);
                    List<String> states = rf.texts(conditions, p + "/" + key, f);
                    states.forEach(s -> factState(rf, cp, f, s));
                    factConditions.add(new FactCondition(id, f, states, key.equals("unless")));
                }
            }
            if (!e.has("when") && !e.has("unless")) rf.problem("kb.missing", p, "a row needs a 'when' or an 'unless' condition", null);
            factRows.add(new FactRow(id, rf.texts(e, p, "hypotheses"), fact, weight,
                    e.path("decisive").asBoolean(false), rf.text(e, p, "reading")));
        }

        Entries def = new Entries(docs.get("defaults.yaml"), problems);
        List<ModelDefault> modelDefaults = defaults(def, "model");
        List<ModelDefault> biasDefaults = defaults(def, "relative_bias");

        // Cross-references.
        for (RootCause h : hypotheses.values()) {
            String p = pointer("/hypotheses", hypotheses.keySet(), h.id());
            expect(hyp, p + "/question", "question", h.question(), questions.keySet());
            expect(hyp, p + "/mechanism", "mechanism", h.mechanism(), mechanisms.keySet());
            h.fixes().forEach(f -> expect(hyp, p + "/fixes", "fix", f, fixes.keySet()));
            h.references().forEach(r -> expect(hyp, p + "/references", "reference", r, references.keySet()));
        }
        for (RetrofitKind k : retrofitKinds.values()) {
            String p = pointer("/retrofit_kinds", retrofitKinds.keySet(), k.id());
            if (k.statedReading() != null) expect(kinds, p + "/stated_reading", "hypothesis", k.statedReading(), hypotheses.keySet());
            if (k.mappingMechanism() != null) expect(kinds, p + "/mapping_mechanism", "mechanism", k.mappingMechanism(), mechanisms.keySet());
            k.candidates().forEach(c -> expect(kinds, p + "/candidates", "hypothesis", c, hypotheses.keySet()));
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
            for (String h : factRows.get(i).hypotheses()) expect(rf, "/rows/" + i + "/hypotheses", "hypothesis", h, hypotheses.keySet());
        }
        for (int i = 0; i < factConditions.size(); i++) {
            FactCondition c = factConditions.get(i);
            if (!c.fact().equals("retrofit-kind")) continue;
            int row = factRows.stream().map(FactRow::id).toList().indexOf(c.row());
            for (String k : c.states()) expect(rf, "/rows/" + row + "/" + (c.negated() ? "unless" : "when") + "/retrofit-kind",
                    "retrofit kind", k, retrofitKinds.keySet());
        }
        for (FixOption f : fixes.values()) {
            String p = pointer("/fixes", fixes.keySet(), f.id());
            expect(fx, p + "/mechanism", "mechanism", f.mechanism(), mechanisms.keySet());
            f.references().forEach(r -> expect(fx, p + "/references", "reference", r, references.keySet()));
        }
        for (Mechanism m : mechanisms.values()) {
            String p = pointer("/mechanisms", mechanisms.keySet(), m.id());
            m.references().forEach(r -> expect(mech, p + "/references", "reference", r, references.keySet()));
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
        if (!problems.isEmpty()) throw new KnowledgeBaseException(problems);
        return new KnowledgeBase(Sha256.hex(digest), questions, hypotheses, capabilities,
                mechanisms, retrofitKinds, fixes, thresholds, references, modelDefaults, biasDefaults, List.copyOf(ropeTypeKeys),
                List.copyOf(factRows), List.copyOf(factConditions));
    }

    /** A problem unless {@code fact} is a fact the evidence stage reads and {@code state} (when given) one of its states. */
    private static void factState(Entries entries, String pointer, String fact, String state) {
        List<String> states = BuildFact.STATES.get(fact);
        if (states == null) {
            entries.problem("kb.value", pointer, "unknown fact '" + fact + "'",
                    Spelling.closest(fact, BuildFact.STATES.keySet()).map(s -> "did you mean '" + s + "'?")
                            .orElse("one of " + String.join(", ", new java.util.TreeSet<>(BuildFact.STATES.keySet()))));
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

    private interface EntryReader<T> {
        T read(JsonNode entry, String pointer);
    }

    private static <T> Map<String, T> byId(Entries entries, List<JsonNode> list, String pointer, EntryReader<T> reader,
                                           Function<T, String> id) {
        Map<String, T> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String p = pointer + "/" + i;
            T value = reader.read(list.get(i), p);
            String key = id.apply(value);
            if (out.putIfAbsent(key, value) != null) {
                entries.problem("kb.duplicate-id", p + "/id", "id '" + key + "' is defined twice", null);
            }
        }
        return out;
    }

    private static List<ModelDefault> defaults(Entries entries, String section) {
        List<ModelDefault> out = new ArrayList<>();
        List<JsonNode> list = entries.list(section);
        for (int i = 0; i < list.size(); i++) {
            String p = "/" + section + "/" + i;
            JsonNode e = list.get(i);
            entries.onlyKeys(e, p, Set.of("pointer", "value", "basis"));
            out.add(new ModelDefault(entries.text(e, p, "pointer"), entries.scalar(e, p, "value"), entries.text(e, p, "basis")));
        }
        return List.copyOf(out);
    }

    private static void expect(Entries entries, String pointer, String what, String id, Collection<String> known) {
        if (!known.contains(id)) {
            entries.problem("kb.unknown-reference", pointer, "unknown " + what + " '" + id + "'",
                    Spelling.closest(id, known).map(s -> "did you mean '" + s + "'?").orElse(null));
        }
    }

    /** Pointer of the entry with {@code id} in a list, by its position among the ids. */
    private static String pointer(String list, Collection<String> ids, String id) {
        int i = new ArrayList<>(ids).indexOf(id);
        return list + "/" + i;
    }

}
