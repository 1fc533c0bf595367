package io.posmortem.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.posmortem.model.BoundedMemo;
import io.posmortem.model.Same;
import java.util.ArrayList;
import java.util.List;
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
 * is remembered by identity and written as it is (the last 16 build reports rendered, as many as {@link ReportBuilder} remembers). The rest
 * of the report is serialized with a one-character mark where each build goes ({@code U+0001},
 * which JSON text never holds unescaped), and the line is joined from those pieces: a build's
 * JSON is copied once, not through the generator's buffers.
 */
public final class JsonRenderer {
    private static final JsonMapper PRETTY = mapper(true);
    private static final JsonMapper COMPACT = mapper(false);
    /** As many as a report builder remembers build reports: only those are handed out again. */
    private static final BoundedMemo<Same, String> RENDERED_BUILDS = new BoundedMemo<>(ReportBuilder.REMEMBERED);
    private static final JsonMapper COMPACT_MARKING_BUILDS = COMPACT.rebuild()
            .addModule(new SimpleModule("marked-builds").addSerializer(BuildReport.class, new MarkedBuild()))
            .build();
    /** Where a build's JSON goes in the serialized rest of a one-line report. */
    private static final char BUILD_MARK = '\u0001';
    /** The context attribute holding a one-line rendering's build JSON, in the order the marks were written. */
    private static final Object BUILDS = MarkedBuild.class;

    private JsonRenderer() {}

    /** One pretty-printed JSON object (one input). */
    public static String pretty(Report report) {
        return PRETTY.writeValueAsString(report) + "\n";
    }

    /** One JSON object on one line (a JSON Lines record, for several inputs). */
    public static String line(Report report) {
        List<String> builds = new ArrayList<>(2);
        String rest = COMPACT_MARKING_BUILDS.writer().withAttribute(BUILDS, builds).writeValueAsString(report);
        int length = rest.length() + 1 - builds.size();
        for (String b : builds) length += b.length();
        StringBuilder line = new StringBuilder(length);
        int from = 0;
        for (String b : builds) {
            int mark = rest.indexOf(BUILD_MARK, from);
            line.append(rest, from, mark).append(b);
            from = mark + 1;
        }
        return line.append(rest, from, rest.length()).append('\n').toString();
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

    /**
     * A build report's place in a one-line report: its JSON as the compact mapper writes it
     * (remembered by identity) goes to the rendering's {@link #BUILDS} list, a mark to the output.
     */
    private static final class MarkedBuild extends ValueSerializer<BuildReport> {
        @Override
        @SuppressWarnings("unchecked")
        public void serialize(BuildReport build, JsonGenerator gen, SerializationContext ctxt) {
            ((List<String>) ctxt.getAttribute(BUILDS)).add(RENDERED_BUILDS.get(new Same(build), () -> COMPACT.writeValueAsString(build)));
            gen.writeRawValue(String.valueOf(BUILD_MARK));
        }
    }
}
