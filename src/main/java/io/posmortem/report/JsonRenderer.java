package io.posmortem.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.posmortem.model.BoundedMemo;
import io.posmortem.model.Same;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The report as JSON: snake_case field names in record-component order, null fields left out,
 * numbers already rounded by the builder, so the same input and rules give the same bytes.
 *
 * <p>One-line JSON renders a build report once: {@link ReportBuilder} hands out the same
 * {@link BuildReport} object for every report of one remembered build (a batch of many files of
 * one model configuration), and its compact JSON, a pure function of that never-changed object,
 * is remembered by identity and written as it is (the last 64 build reports rendered).
 */
public final class JsonRenderer {
    private static final JsonMapper PRETTY = mapper(true);
    private static final JsonMapper COMPACT = mapper(false);
    private static final BoundedMemo<Same, String> RENDERED_BUILDS = new BoundedMemo<>(64);
    private static final JsonMapper COMPACT_REUSING_BUILDS = COMPACT.rebuild()
            .addModule(new SimpleModule("rendered-builds").addSerializer(BuildReport.class, new RenderedBuild()))
            .build();

    private JsonRenderer() {}

    /** One pretty-printed JSON object (one input). */
    public static String pretty(Report report) {
        return PRETTY.writeValueAsString(report) + "\n";
    }

    /** One JSON object on one line (a JSON Lines record, for several inputs). */
    public static String line(Report report) {
        return COMPACT_REUSING_BUILDS.writeValueAsString(report) + "\n";
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

    /** A build report as the compact mapper writes it, remembered by identity. */
    private static final class RenderedBuild extends ValueSerializer<BuildReport> {
        @Override
        public void serialize(BuildReport build, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeRawValue(RENDERED_BUILDS.get(new Same(build), () -> COMPACT.writeValueAsString(build)));
        }
    }
}
