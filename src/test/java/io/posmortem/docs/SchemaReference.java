package io.posmortem.docs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Renders a JSON Schema as a Markdown table with one row per field, so the field references in
 * {@code docs/} are generated from the schemas and cannot drift from them.
 *
 * <p>Covers the subset of draft 2020-12 that posmortem's schemas use: {@code properties},
 * {@code required}, local {@code $ref}s into {@code $defs}, {@code items}, an
 * {@code additionalProperties} schema (a map: its keys are written {@code *}), {@code type},
 * {@code const}, {@code enum} and the numeric, length, pattern and item-count bounds. A field's
 * path joins names with dots; {@code []} marks the items of a list.
 */
public final class SchemaReference {

    private SchemaReference() {}

    /** The table for every field reachable from the schema's root object. */
    public static String table(JsonNode schema) {
        StringBuilder out = new StringBuilder("| field | value | description |\n| --- | --- | --- |\n");
        fields(schema, schema, "", out, new ArrayDeque<>());
        return out.toString();
    }

    private static void fields(JsonNode root, JsonNode object, String prefix, StringBuilder out, Deque<String> refs) {
        Set<String> required = new HashSet<>();
        object.path("required").values().forEach(n -> required.add(n.asString()));
        for (Map.Entry<String, JsonNode> e : object.path("properties").properties()) {
            String path = prefix + e.getKey();
            JsonNode field = e.getValue();
            JsonNode def = resolve(root, field);
            String description = field.has("description") ? field.path("description").asString()
                    : def.path("description").asString("");
            out.append("| `").append(path).append("` | ")
                    .append(cell((required.contains(e.getKey()) ? "**required**; " : "") + value(root, field, def)))
                    .append(" | ").append(cell(description)).append(" |\n");
            descend(root, field, def, path, out, refs);
        }
    }

    private static void descend(JsonNode root, JsonNode field, JsonNode def, String path, StringBuilder out, Deque<String> refs) {
        String ref = field.path("$ref").asString("");
        if (!ref.isEmpty()) {
            if (refs.contains(ref)) return; // a recursive definition is listed once
            refs.push(ref);
        }
        if (def.has("properties")) fields(root, def, path + ".", out, refs);
        if (def.path("items").isObject()) {
            JsonNode items = def.path("items");
            descend(root, items, resolve(root, items), path + "[]", out, refs);
        }
        if (def.path("additionalProperties").isObject()) {
            JsonNode values = def.path("additionalProperties");
            descend(root, values, resolve(root, values), path + ".*", out, refs);
        }
        if (!ref.isEmpty()) refs.pop();
    }

    /** The schema a field stands for: the definition its {@code $ref} names, or the field itself. */
    private static JsonNode resolve(JsonNode root, JsonNode field) {
        JsonNode node = field;
        for (int i = 0; node.has("$ref") && i < 16; i++) {
            String ref = node.path("$ref").asString();
            if (!ref.startsWith("#/")) throw new IllegalArgumentException("only local references are rendered: " + ref);
            node = root.at(ref.substring(1));
            if (node.isMissingNode()) throw new IllegalArgumentException("reference to nothing: " + ref);
        }
        return node;
    }

    /** Type and bounds, the field's own keywords before its definition's. */
    private static String value(JsonNode root, JsonNode field, JsonNode def) {
        List<String> parts = new ArrayList<>();
        JsonNode constant = first(field, def, "const");
        JsonNode choices = first(field, def, "enum");
        if (constant != null) {
            parts.add("`" + literal(constant) + "`");
        } else if (choices != null) {
            List<String> names = new ArrayList<>();
            choices.values().forEach(c -> names.add("`" + literal(c) + "`"));
            parts.add("one of " + String.join(", ", names));
        } else {
            JsonNode type = first(field, def, "type");
            if (type != null) parts.add(typeName(root, type, def));
        }
        JsonNode above = first(field, def, "exclusiveMinimum");
        if (above != null) parts.add("above " + number(above));
        bound(parts, field, def, "minimum", "maximum", "%s to %s", "at least %s", "at most %s");
        JsonNode multiple = first(field, def, "multipleOf");
        if (multiple != null) parts.add("a multiple of " + number(multiple));
        bound(parts, field, def, "minLength", "maxLength", "%s to %s characters", "at least %s characters", "at most %s characters");
        bound(parts, field, def, "minItems", "maxItems", "%s to %s items", "at least %s items", "at most %s items");
        JsonNode pattern = first(field, def, "pattern");
        if (pattern != null) parts.add("matching `" + pattern.asString() + "`");
        return String.join(", ", parts).replace(" 1 characters", " 1 character").replace(" 1 items", " 1 item");
    }

    private static String typeName(JsonNode root, JsonNode type, JsonNode def) {
        List<String> names = new ArrayList<>();
        if (type.isArray()) type.values().forEach(t -> names.add(t.asString())); else names.add(type.asString());
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (name.equals("array") && def.path("items").isObject()) {
                JsonNode items = def.path("items");
                JsonNode itemDef = resolve(root, items);
                String item = value(root, items, itemDef);
                int comma = item.indexOf(", ");
                out.add("list of " + (item.isEmpty() ? "values" : comma < 0 ? item
                        : item.substring(0, comma) + " (" + item.substring(comma + 2) + ")"));
            } else if (name.equals("object") && def.path("additionalProperties").isObject()) {
                out.add("object (any keys)");
            } else {
                out.add(name);
            }
        }
        return String.join(" or ", out);
    }

    private static void bound(List<String> parts, JsonNode field, JsonNode def, String low, String high,
                              String both, String onlyLow, String onlyHigh) {
        JsonNode lo = first(field, def, low);
        JsonNode hi = first(field, def, high);
        if (lo != null && hi != null) parts.add(both.formatted(number(lo), number(hi)));
        else if (lo != null) parts.add(onlyLow.formatted(number(lo)));
        else if (hi != null) parts.add(onlyHigh.formatted(number(hi)));
    }

    private static JsonNode first(JsonNode field, JsonNode def, String keyword) {
        if (field.has(keyword)) return field.path(keyword);
        if (def.has(keyword)) return def.path(keyword);
        return null;
    }

    /** Integers with thousands separators (100,000,000), other numbers as the schema writes them. */
    private static String number(JsonNode n) {
        return n.isIntegralNumber() ? String.format(Locale.ROOT, "%,d", n.longValue()) : n.toString();
    }

    private static String literal(JsonNode n) {
        return n.isString() ? n.asString() : n.toString();
    }

    /** A Markdown table cell: no line breaks, and a pipe does not end the cell. */
    private static String cell(String text) {
        return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    }
}
