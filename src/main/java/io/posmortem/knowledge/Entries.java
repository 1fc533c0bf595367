package io.posmortem.knowledge;

import io.posmortem.intake.LocatedDocument;
import io.posmortem.model.Problem;
import io.posmortem.model.Spelling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of one knowledge-base entry, recording a located problem for every missing or
 * mistyped field and every unknown key, so one load reports everything wrong with a file.
 */
final class Entries {
    private final LocatedDocument doc;
    private final List<Problem> problems;

    Entries(LocatedDocument doc, List<Problem> problems) {
        this.doc = doc;
        this.problems = problems;
    }

    /** The file's top-level object. */
    JsonNode root() {
        return doc.root();
    }

    /** The list under {@code key} at the top of the file; a problem if missing. */
    List<JsonNode> list(String key) {
        JsonNode node = doc.root().path(key);
        if (!node.isArray()) {
            problems.add(doc.problem("kb.structure", "", "missing list '" + key + "'", "a top-level '" + key + ":' list", null));
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    void onlyKeys(JsonNode entry, String pointer, Set<String> allowed) {
        for (String key : entry.propertyNames()) {
            if (!allowed.contains(key)) {
                problems.add(doc.problem("kb.unknown-field", pointer + "/" + LocatedDocument.escape(key), "unknown field '" + key + "'",
                        null, Spelling.closest(key, allowed).map(s -> "did you mean '" + s + "'?")
                                .orElse("allowed: " + String.join(", ", allowed))));
            }
        }
    }

    String text(JsonNode entry, String pointer, String key) {
        JsonNode v = entry.path(key);
        if (!v.isString() || v.asString().isBlank()) {
            problems.add(doc.problem("kb.field", pointer + "/" + key, "'" + key + "' must be a non-empty string", "text", null));
            return "";
        }
        return v.asString().strip();
    }

    /** A string, or {@code null} when the key is absent or null. */
    String optionalText(JsonNode entry, String pointer, String key) {
        JsonNode v = entry.path(key);
        if (v.isMissingNode() || v.isNull()) return null;
        return text(entry, pointer, key);
    }

    double number(JsonNode entry, String pointer, String key) {
        JsonNode v = entry.path(key);
        if (!v.isNumber()) {
            problems.add(doc.problem("kb.field", pointer + "/" + key, "'" + key + "' must be a number", "a number", null));
            return Double.NaN;
        }
        return v.asDouble();
    }

    boolean bool(JsonNode entry, String pointer, String key) {
        JsonNode v = entry.path(key);
        if (!v.isBoolean()) {
            problems.add(doc.problem("kb.field", pointer + "/" + key, "'" + key + "' must be true or false", "a boolean", null));
            return false;
        }
        return v.asBoolean();
    }

    List<String> texts(JsonNode entry, String pointer, String key) {
        JsonNode v = entry.path(key);
        if (!v.isArray()) {
            problems.add(doc.problem("kb.field", pointer + "/" + key, "'" + key + "' must be a list", "a list of strings", null));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isString()) {
                problems.add(doc.problem("kb.field", pointer + "/" + key + "/" + i, "list items must be strings", "a string", null));
            } else {
                out.add(v.get(i).asString());
            }
        }
        return List.copyOf(out);
    }

    Map<String, Double> numbers(JsonNode entry, String pointer, String key) {
        JsonNode v = entry.path(key);
        if (!v.isObject()) {
            problems.add(doc.problem("kb.field", pointer + "/" + key, "'" + key + "' must be a mapping of numbers", "{name: number}", null));
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isNumber()) {
                problems.add(doc.problem("kb.field", pointer + "/" + key + "/" + e.getKey(), "must be a number", "a number", null));
            } else {
                out.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return out;
    }

    /** A plain value: number, string or boolean. */
    Object scalar(JsonNode entry, String pointer, String key) {
        JsonNode v = entry.path(key);
        if (v.isIntegralNumber()) return v.asLong();
        if (v.isNumber()) return v.asDouble();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isString()) return v.asString();
        problems.add(doc.problem("kb.field", pointer + "/" + key, "'" + key + "' must be a number, string or boolean", null, null));
        return null;
    }

    /** Records a problem about {@code pointer}, for checks that span entries. */
    void problem(String code, String pointer, String message, String hint) {
        problems.add(doc.problem(code, pointer, message, null, hint));
    }
}
