package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.Problem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Parser errors come out in posmortem's words, located where the mistake is: the comma, the
 * opening bracket or quote, the tab, the misindented line; no parser internals in the message.
 */
class SyntaxProblemTest {

    static Problem problem(String name, String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LocatedDocument.parse(SourceText.of(name, text.getBytes(StandardCharsets.UTF_8)), LocatedDocument.syntaxOf(name, text)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a comma before ']'                  | a.json | {"a": [1, 2,]}                    | syntax.trailing-comma   | 1 | 12
            a comma before '}' on the line above | a.json | {"a": 1,\\n "b": {"c": 1,\\n}}      | syntax.trailing-comma   | 2 | 14
            an unclosed JSON object              | a.json | {"a": {"b": 1\\n                  | syntax.unclosed-bracket | 1 | 7
            a list closed by '}'                 | a.json | {"a": [1, 2}                      | syntax.unclosed-bracket | 1 | 7
            a JSON string open at the line end   | a.json | {"a": "abc\\n}                     | syntax.unclosed-quote   | 1 | 7
            a JSON string open at the end        | a.json | {"a": "abc                        | syntax.unclosed-quote   | 1 | 7
            an unclosed YAML flow list           | a.yaml | a: [1, 2\\nb: 3\\n                  | syntax.unclosed-bracket | 1 | 4
            an unclosed YAML flow mapping        | a.yaml | a: {x: 1\\nb: 3\\n                  | syntax.unclosed-bracket | 1 | 4
            an unclosed single quote             | a.yaml | a: 'abc\\nb: 3\\n                   | syntax.unclosed-quote   | 1 | 4
            a tab in the indentation             | a.yaml | a:\\n  b: 1\\n\\tc: 2\\n             | syntax.tab-indent       | 3 | 1
            a key indented deeper than its sibling | a.yaml | a:\\n  b: 1\\n   c: 2\\n           | syntax.yaml-indentation | 3 | 4
            a list item under a mapping's value  | a.yaml | a:\\n  b: 1\\n  - c\\n               | syntax.yaml-indentation | 3 | 3
            a list entry indented less than its siblings | a.yaml | a:\\n  - b: 1\\n   c: 2\\n     | syntax.yaml-indentation | 3 | 4
            a colon inside a plain value         | a.yaml | a: 1\\ntitle: Build A: RoPE\\n       | syntax.colon-in-value   | 2 | 15
            """)
    void aMistakeIsLocatedWhereItIs(String what, String name, String text, String code, int line, int column) {
        Problem p = problem(name, text.strip().replace("\\n", "\n").replace("\\t", "\t"));
        assertEquals(code, p.code(), what + ": " + p.oneLine());
        assertEquals(line, p.line(), what + ": " + p.oneLine());
        assertEquals(column, p.column(), what + ": " + p.oneLine());
        assertTrue(p.expected() != null && p.hint() != null, what + ": " + p.oneLine());
        assertFalse(p.message().contains("Source") || p.message().contains("code 1") || p.message().contains("in reader"), p.oneLine());
    }

    @Test
    void otherParserErrorsKeepTheParsersWordsWithoutItsInternals() {
        Problem json = problem("a.json", "{\"a\": 1 \"b\": 2}");
        assertEquals("syntax", json.code());
        assertEquals(1, json.line());
        assertFalse(json.message().contains("Source:"), json.message());
        assertEquals("Unexpected character ('\"'): was expecting comma to separate Object entries", json.message());
        Problem yaml = problem("a.yaml", "a: [1, 2]]\n");
        assertEquals("syntax", yaml.code());
        assertEquals(1, yaml.line());
        assertFalse(yaml.message().contains("in reader"), yaml.message());
    }
}
