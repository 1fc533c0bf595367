package io.posmortem.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The question for a field of the symptom file: its description in the v2 schema (most begin
 * "Ask: ..."), found by walking the schema along a JSON pointer ({@code properties}, {@code items},
 * local {@code $ref}s). {@code init} writes these as comments above the blanks, and a blank left
 * unfilled is refused with the same question as its hint, so the questions live in one place.
 */
public final class SchemaQuestions {

    /** What {@code init} writes where only the engineer knows the answer; {@code triage} refuses it. */
    public static final String BLANK = "FILL-IN";

    private static final JsonNode SCHEMA = load();

    private SchemaQuestions() {}

    /** The description of the field at {@code pointer} (array indices allowed), or null when the schema has none. */
    public static String question(String pointer) {
        JsonNode node = resolve(SCHEMA);
        if (!pointer.isEmpty()) {
            for (String step : pointer.substring(1).split("/", -1)) {
                String token = step.replace("~1", "/").replace("~0", "~");
                JsonNode next = token.matches("\\d+") && node.has("items") ? node.get("items") : node.path("properties").path(token);
                if (next.isMissingNode()) return null;
                node = resolve(next);
            }
        }
        JsonNode d = node.path("description");
        return d.isString() ? d.asString() : null;
    }

    /** The pointers of every {@link #BLANK} value in {@code root}, in document order. */
    public static List<String> blanks(JsonNode root) {
        List<String> out = new ArrayList<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(JsonNode node, String pointer, List<String> out) {
        if (node.isString() && node.asString().strip().equals(BLANK)) {
            out.add(pointer);
        } else if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), pointer + "/" + LocatedDocument.escape(e.getKey()), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collect(node.get(i), pointer + "/" + i, out);
        }
    }

    /** Follows a {@code $ref} of the form {@code #/$defs/name} (and the property's own description wins over the target's). */
    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (!ref.isString() || !ref.asString().startsWith("#/$defs/")) return node;
        JsonNode target = SCHEMA.path("$defs").path(ref.asString().substring("#/$defs/".length()));
        if (node.has("description") && target.isObject()) {
            tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) target).deepCopy();
            copy.set("description", node.get("description"));
            return copy;
        }
        return target;
    }

    private static JsonNode load() {
        try (InputStream in = SchemaQuestions.class.getResourceAsStream(SymptomSchema.RESOURCE)) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SymptomSchema.RESOURCE, e);
        }
    }
}
