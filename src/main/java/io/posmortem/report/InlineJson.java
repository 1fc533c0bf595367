package io.posmortem.report;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * A configuration block written as JSON inside a text, Markdown or HTML report, to paste into a
 * config.json: keys in map order, strings quoted and escaped as JSON, numbers as Java prints them
 * ({@code 8.0}, {@code 1.0E7}), lists and nested maps recursively. The JSON report itself is
 * written by Jackson ({@link JsonRenderer}); this is the one writer for JSON set in prose.
 */
public final class InlineJson {
    private InlineJson() {}

    /** One line: {@code {"rope_type": "yarn", "factor": 4.0}}. */
    public static String line(Map<String, ?> map) {
        return map.entrySet().stream().map(e -> quote(e.getKey()) + ": " + value(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** One key per line, indented by two spaces, for a code block. */
    public static String block(Map<String, ?> map) {
        return map.entrySet().stream().map(e -> "  " + quote(e.getKey()) + ": " + value(e.getValue()))
                .collect(Collectors.joining(",\n", "{\n", "\n}"));
    }

    private static String value(Object v) {
        if (v instanceof String s) return quote(s);
        if (v instanceof Map<?, ?> m) return m.entrySet().stream().map(e -> quote(String.valueOf(e.getKey())) + ": " + value(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        if (v instanceof List<?> l) return l.stream().map(InlineJson::value).collect(Collectors.joining(", ", "[", "]"));
        return String.valueOf(v);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        return out.append('"').toString();
    }
}
