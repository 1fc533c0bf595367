package io.posmortem.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** JSON trees as plain Java values: maps keep key order; lists; longs and doubles; strings; booleans; null. */
final class JsonValues {
    private JsonValues() {}

    /** An object's members; an empty map for anything that is not an object. */
    static Map<String, Object> object(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node.isObject()) node.properties().forEach(e -> out.put(e.getKey(), value(e.getValue())));
        return out;
    }

    static Object value(JsonNode node) {
        if (node.isObject()) return object(node);
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(value(n)));
            return list;
        }
        if (node.isIntegralNumber()) return node.asLong();
        if (node.isNumber()) return node.asDouble();
        if (node.isBoolean()) return node.asBoolean();
        if (node.isNull()) return null;
        return node.asString();
    }
}
