package io.posmortem.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report as JSON: snake_case field names in record-component order, null fields left out,
 * numbers already rounded by the builder, so the same input and rules give the same bytes.
 */
public final class JsonRenderer {
    private static final JsonMapper PRETTY = mapper(true);
    private static final JsonMapper COMPACT = mapper(false);

    private JsonRenderer() {}

    /** One pretty-printed JSON object (one input). */
    public static String pretty(Report report) {
        return PRETTY.writeValueAsString(report) + "\n";
    }

    /** One JSON object on one line (a JSON Lines record, for several inputs). */
    public static String line(Report report) {
        return COMPACT.writeValueAsString(report) + "\n";
    }

    /**
     * Any record tree (the evidence tables of the {@code rope}, {@code alibi} and {@code t5-buckets}
     * commands) as one pretty-printed JSON object, with the same conventions as the report.
     */
    public static String prettyValue(Object value) {
        return PRETTY.writeValueAsString(value) + "\n";
    }

    /** Any record tree as one JSON object on one line (a JSON Lines record). */
    public static String lineValue(Object value) {
        return COMPACT.writeValueAsString(value) + "\n";
    }

    private static JsonMapper mapper(boolean indent) {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .changeDefaultPropertyInclusion(v -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .configure(SerializationFeature.INDENT_OUTPUT, indent)
                .build();
    }
}
