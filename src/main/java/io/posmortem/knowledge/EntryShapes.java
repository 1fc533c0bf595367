package io.posmortem.knowledge;

import io.posmortem.model.knowledge.Capability;
import io.posmortem.model.knowledge.EngineSetting;
import io.posmortem.model.knowledge.FixOption;
import io.posmortem.model.FixVerification;
import io.posmortem.model.knowledge.Mechanism;
import io.posmortem.model.knowledge.ModelDefault;
import io.posmortem.model.knowledge.ModelFamily;
import io.posmortem.model.knowledge.Question;
import io.posmortem.model.knowledge.Reference;
import io.posmortem.model.knowledge.RetrofitKind;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.model.knowledge.ServingEngine;
import io.posmortem.model.knowledge.Threshold;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One entry of each knowledge-base list as Jackson binds it (snake_case keys), once the file's
 * schema ({@code schema/knowledge-base/*.schema.json}) has accepted the entry; {@code toModel()}
 * gives the record the rest of posmortem reads. Text is stripped (YAML folded scalars end in a
 * newline); a key left out gets the default the schema documents.
 */
final class EntryShapes {

    private EntryShapes() {}

    record CapabilityEntry(String id, String title, String scope, String degradedMeans, List<String> examples) {
        Capability toModel() {
            return new Capability(strip(id), strip(title), strip(scope), strip(degradedMeans), list(examples));
        }
    }

    record ReferenceEntry(String id, String citation, String url, String note) {
        Reference toModel() {
            return new Reference(strip(id), strip(citation), url == null ? "" : url, strip(note));
        }
    }

    record MechanismEntry(String id, String family, String method, String title, String formula, Map<String, Double> defaults,
                          List<String> references) {
        Mechanism toModel() {
            return new Mechanism(strip(id), strip(family), strip(method), strip(title), strip(formula), numbers(defaults), list(references));
        }
    }

    record QuestionEntry(String id, String text) {
        Question toModel() {
            return new Question(strip(id), strip(text));
        }
    }

    /** {@code positional} is true unless stated; the lists left out are empty. */
    record HypothesisEntry(String id, String question, String title, String mechanism, String summary, String whyNot,
                           List<String> fixes, List<String> references, Boolean positional, List<String> candidateFor,
                           String check, String ask, List<String> configuredMethods, List<AskPartEntry> asksFor) {
        RootCause toModel() {
            return new RootCause(strip(id), strip(question), strip(title), strip(mechanism), strip(summary), strip(whyNot),
                    list(fixes), list(references), positional == null || positional, list(candidateFor), strip(check), strip(ask),
                    list(configuredMethods), asksFor == null ? List.of() : asksFor.stream().map(AskPartEntry::toModel).toList());
        }
    }

    record AskPartEntry(List<String> fields, String question) {
        io.posmortem.model.knowledge.AskPart toModel() {
            return new io.posmortem.model.knowledge.AskPart(list(fields), strip(question));
        }
    }

    record RetrofitKindEntry(String id, String title, String family, Boolean loose, String statedReading, List<String> candidates,
                             String mappingMechanism, String description) {
        RetrofitKind toModel() {
            return new RetrofitKind(strip(id), strip(title), strip(family), Boolean.TRUE.equals(loose), strip(statedReading),
                    list(candidates), strip(mappingMechanism), strip(description));
        }
    }

    /**
     * {@code verification} is numeric unless stated; {@code appliesWhen}: fact name to the states one
     * of which must hold, in file order.
     */
    record FixEntry(String id, String title, String mechanism, Map<String, Double> parameters, String requires, String summary,
                    String caveat, String verification, LinkedHashMap<String, List<String>> appliesWhen, String check,
                    List<SettingEntry> settings, List<String> references) {
        FixOption toModel() {
            FixVerification kind = "instruction".equals(strip(verification)) ? FixVerification.INSTRUCTION : FixVerification.NUMERIC;
            List<EngineSetting> perEngine = settings == null ? List.of() : settings.stream().map(SettingEntry::toModel).toList();
            return new FixOption(strip(id), strip(title), strip(mechanism), numbers(parameters), strip(requires), strip(summary),
                    strip(caveat), list(references), kind, strip(check), perEngine);
        }
    }

    record SettingEntry(String engine, String change, String check, String reference) {
        EngineSetting toModel() {
            return new EngineSetting(strip(engine), strip(change), strip(check), strip(reference));
        }
    }

    record EvalTaskEntry(String id, List<String> match, String depth, String capability, String measure, String reasoning) {
        io.posmortem.model.knowledge.EvalTask toModel() {
            return new io.posmortem.model.knowledge.EvalTask(strip(id), list(match).stream().map(String::strip).toList(), depth,
                    strip(capability), measure, strip(reasoning));
        }
    }

    record EngineEntry(String id, String name, List<String> aliases, java.util.Map<String, String> scaling,
                       java.util.Map<String, String> slidingWindow, List<String> references) {
        ServingEngine toModel() {
            return new ServingEngine(strip(id), strip(name), list(aliases).stream().map(String::strip).toList(),
                    scaling == null ? java.util.Map.of() : java.util.Map.copyOf(scaling),
                    slidingWindow == null ? java.util.Map.of() : java.util.Map.copyOf(slidingWindow), list(references));
        }
    }

    /** {@code mustExceed}: ids of thresholds this one must be larger than (checked by the loader). */
    record ThresholdEntry(String id, Double value, String unit, String meaning, String source, List<String> mustExceed) {
        Threshold toModel() {
            return new Threshold(strip(id), value, strip(unit), strip(meaning), strip(source));
        }
    }

    record RopeTypeEntry(String type, List<String> required, List<String> optional) {}

    /** {@code when}/{@code unless}: fact name to the states that must (must not) hold, in file order. */
    record FactRowEntry(String id, List<String> hypotheses, String fact, LinkedHashMap<String, List<String>> when,
                        LinkedHashMap<String, List<String>> unless, Double weight, Boolean decisive, String reading) {}

    /** {@code value} stays a tree: an integer default is a {@code Long}, a fraction a {@code Double}. */
    record DefaultEntry(String pointer, JsonNode value, String basis) {
        ModelDefault toModel() {
            Object v = value.isIntegralNumber() ? (Object) value.asLong() : value.isNumber() ? (Object) value.asDouble()
                    : value.isBoolean() ? (Object) value.asBoolean() : value.asString();
            return new ModelDefault(strip(pointer), v, strip(basis));
        }
    }

    record FamilyEntry(String id, List<String> names, int trainedContext, String basis) {
        ModelFamily toModel() {
            return new ModelFamily(id, names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList(), trainedContext, strip(basis));
        }
    }

    static String strip(String text) {
        return text == null ? null : text.strip();
    }

    static List<String> list(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    private static Map<String, Double> numbers(Map<String, Double> values) {
        return values == null ? Map.of() : new LinkedHashMap<>(values);
    }
}
