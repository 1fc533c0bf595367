package io.posmortem.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are written out by hand: keys in map order, numbers as Java prints them, strings escaped as JSON. */
class InlineJsonTest {

    private static Map<String, Object> block() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rope_type", "longrope");
        m.put("factor", 8.0);
        m.put("short_factor", List.of(1.0, 1.5));
        m.put("truncate", false);
        return m;
    }

    @Test
    void oneLine() {
        assertEquals("{\"rope_type\": \"longrope\", \"factor\": 8.0, \"short_factor\": [1.0, 1.5], \"truncate\": false}",
                InlineJson.line(block()));
    }

    @Test
    void oneKeyPerLine() {
        assertEquals("{\n  \"rope_type\": \"longrope\",\n  \"factor\": 8.0,\n  \"short_factor\": [1.0, 1.5],\n  \"truncate\": false\n}",
                InlineJson.block(block()));
    }

    @Test
    void stringsAreEscapedAndNestedValuesWritten() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("note", "a \"quoted\"\\path\n");
        m.put("inner", Map.of("k", List.of("x")));
        m.put("big", 1.0E7);
        assertEquals("{\"note\": \"a \\\"quoted\\\"\\\\path\\n\", \"inner\": {\"k\": [\"x\"]}, \"big\": 1.0E7}", InlineJson.line(m));
    }

    @Test
    void emptyMap() {
        assertEquals("{}", InlineJson.line(Map.of()));
    }
}
