package io.posmortem.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The field tables of {@code docs/symptom-file-reference.md} and of the trace section of
 * {@code docs/json-reference.md} are generated from the JSON Schemas: each lies between a
 * {@code <!-- generated from SCHEMA -->} line and {@code <!-- end of generated table -->}, and
 * must equal what {@link SchemaReference} renders from the schema today. After changing a
 * schema, regenerate with {@code mvn -B -ntp -q test -Dtest=SchemaReferenceTest -Ddocs.update=true}.
 */
class SchemaReferenceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String END = "<!-- end of generated table -->";

    @Test
    void symptomFileReferenceIsTheSchemaTable() throws IOException {
        check("src/main/resources/schema/symptom-file-v2.schema.json", "docs/symptom-file-reference.md");
    }

    @Test
    void traceReferenceIsTheSchemaTable() throws IOException {
        check("src/main/resources/schema/trace-v1.schema.json", "docs/json-reference.md");
    }

    /** Expected table written by hand from the schema below, keyword by keyword. */
    @Test
    void rendersEveryKeywordOfAHandMadeSchema() {
        JsonNode schema = JSON.readTree("""
                {"type": "object", "required": ["v"],
                 "properties": {
                   "v": {"description": "version", "const": 1},
                   "n": {"$ref": "#/$defs/len", "description": "own | text"},
                   "kind": {"enum": ["a", "b"]},
                   "xs": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"$ref": "#/$defs/item"}},
                   "fs": {"type": "array", "items": {"type": "number", "exclusiveMinimum": 0}},
                   "r": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                   "s": {"type": "string", "minLength": 1},
                   "by": {"type": "object", "additionalProperties": {"type": "object", "properties": {"k": {"type": "string", "minLength": 1, "maxLength": 5, "pattern": "^[a-z]+$"}}}}
                 },
                 "$defs": {
                   "len": {"description": "a length", "type": "integer", "minimum": 2, "maximum": 100000000, "multipleOf": 2},
                   "item": {"description": "an item", "type": "object", "properties": {"id": {"type": "string"}, "n": {"$ref": "#/$defs/len"}}}
                 }}
                """);
        assertEquals("""
                | field | value | description |
                | --- | --- | --- |
                | `v` | **required**; `1` | version |
                | `n` | integer, 2 to 100,000,000, a multiple of 2 | own \\| text |
                | `kind` | one of `a`, `b` |  |
                | `xs` | list of object, 1 to 3 items |  |
                | `xs[].id` | string |  |
                | `xs[].n` | integer, 2 to 100,000,000, a multiple of 2 | a length |
                | `fs` | list of number (above 0) |  |
                | `r` | number, above 0, at most 1 |  |
                | `s` | string, at least 1 character |  |
                | `by` | object (any keys) |  |
                | `by.*.k` | string, 1 to 5 characters, matching `^[a-z]+$` |  |
                """, SchemaReference.table(schema));
    }

    @Test
    void aRemoteReferenceIsRefusedNotSkipped() {
        JsonNode schema = JSON.readTree("{\"properties\": {\"x\": {\"$ref\": \"https://example.org/s.json\"}}}");
        assertThrows(IllegalArgumentException.class, () -> SchemaReference.table(schema));
    }

    @Test
    void aStaleTableIsReported() {
        String doc = "# t\n\n<!-- generated from s.json -->\n| old |\n" + END + "\n";
        assertEquals("# t\n\n<!-- generated from s.json -->\n| new |\n" + END + "\n",
                withTable(doc, "s.json", "| new |\n"));
    }

    private static void check(String schemaPath, String docPath) throws IOException {
        String table = SchemaReference.table(JSON.readTree(Files.readString(Path.of(schemaPath))));
        assertTrue(table.split("\n").length > 20, "the table of " + schemaPath + " lists its fields");
        Path doc = Path.of(docPath);
        String text = Files.readString(doc);
        String expected = withTable(text, schemaPath, table);
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(doc, expected, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, text, docPath + " no longer matches " + schemaPath
                + "; regenerate: mvn -B -ntp -q test -Dtest=SchemaReferenceTest -Ddocs.update=true");
    }

    /** The document with the table generated from {@code schemaPath} replaced by {@code table}. */
    static String withTable(String doc, String schemaPath, String table) {
        String begin = "<!-- generated from " + schemaPath + " -->\n";
        int start = doc.indexOf(begin);
        assertTrue(start >= 0, "no line '" + begin.strip() + "'");
        int end = doc.indexOf(END, start);
        assertTrue(end >= 0, "no '" + END + "' after '" + begin.strip() + "'");
        return doc.substring(0, start + begin.length()) + table + doc.substring(end);
    }
}
