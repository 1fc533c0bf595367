package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Pointers map to the line and column where the key (or value) is written, in YAML and JSON alike. */
class LocatedDocumentTest {

    static LocatedDocument parse(String name, String text) throws InvalidInputException {
        SourceText source = SourceText.of(name, text.getBytes(StandardCharsets.UTF_8));
        return LocatedDocument.parse(source, LocatedDocument.syntaxOf(name, text));
    }

    @Test
    void yamlKeysAndListItemsAreLocated() throws Exception {
        LocatedDocument doc = parse("a.yaml", "model:\n  head_dim: 128\nbuilds:\n  - id: x\n    observations: []\n");
        assertEquals(new SourceLocation(2, 3), doc.locate("/model/head_dim"));
        assertEquals(new SourceLocation(4, 5), doc.locate("/builds/0/id"));
        // A missing field is located at its nearest existing ancestor.
        assertEquals(4, doc.locate("/builds/0/retrofit").line());
        assertEquals(1, doc.locate("/nothing").line(), "an unknown top-level field falls back to the document start");
    }

    @Test
    void jsonIsLocatedTheSameWay() throws Exception {
        LocatedDocument doc = parse("a.json", "{\n  \"model\": {\"head_dim\": 128},\n  \"builds\": [{\"id\": \"x\"}]\n}\n");
        assertEquals(2, doc.locate("/model/head_dim").line());
        assertEquals(3, doc.locate("/builds/0/id").line());
        assertEquals(128, doc.root().at("/model/head_dim").asInt());
    }

    @Test
    void nonFiniteNumbersAndDeepNestingAreProblems() {
        InvalidInputException nan = assertThrows(InvalidInputException.class, () -> parse("a.yaml", "x: .nan\n"));
        assertEquals("value.not-finite", nan.problems().get(0).code());
        String deep = "a: ".repeat(1) + "[".repeat(LocatedDocument.MAX_DEPTH + 2) + "]".repeat(LocatedDocument.MAX_DEPTH + 2);
        InvalidInputException tooDeep = assertThrows(InvalidInputException.class, () -> parse("a.yaml", deep));
        assertEquals("input.too-deep", tooDeep.problems().get(0).code());
    }

    @Test
    void pointerTokensAreEscaped() {
        assertEquals("a~1b~0c", LocatedDocument.escape("a/b~c"));
    }
}
