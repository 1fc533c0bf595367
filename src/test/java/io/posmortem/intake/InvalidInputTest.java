package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.Problem;
import io.posmortem.model.knowledge.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every malformed input in fixtures/invalid/ is rejected with the problem listed for it in
 * fixtures/invalid/expected-errors.tsv: code, JSON pointer, line, and (part of) the hint.
 */
class InvalidInputTest {

    static Vocabulary vocabulary;

    @BeforeAll
    static void loadVocabulary() throws Exception {
        vocabulary = KnowledgeBaseLoader.load(Path.of("knowledge-base")).vocabulary();
    }

    @TestFactory
    Stream<DynamicTest> eachMalformedInputGivesItsDocumentedProblem() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("fixtures/invalid/expected-errors.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        try (Stream<Path> files = Files.list(Path.of("fixtures/invalid"))) {
            long inputs = files.filter(p -> !p.toString().endsWith(".tsv")).count();
            assertEquals(inputs, rows.size(), "every file in fixtures/invalid/ has a row in expected-errors.tsv");
        }
        return rows.stream().map(row -> {
            String[] c = row.split("\t");
            return DynamicTest.dynamicTest(c[0], () -> {
                InvalidInputException e = assertThrows(InvalidInputException.class,
                        () -> new SymptomFileReader(vocabulary).read(Path.of("fixtures/invalid", c[0])));
                Problem first = e.problems().get(0);
                assertEquals(c[1], first.code(), "code of " + first.oneLine());
                assertEquals(c[2].equals("-") ? "" : c[2], first.pointer(), "pointer of " + first.oneLine());
                assertEquals(Integer.parseInt(c[3]), first.line(), "line of " + first.oneLine());
                if (!c[4].equals("-")) {
                    assertTrue(first.hint() != null && first.hint().contains(c[4]), "hint of " + first.oneLine());
                }
                assertEquals(Path.of("fixtures/invalid", c[0]).toString(), first.source());
                assertTrue(!first.message().isBlank());
            });
        });
    }

    @Test
    void everyProblemInAFileIsReportedAtOnce() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SymptomFileReader(vocabulary).read(Path.of("fixtures/invalid/several-problems.yaml")));
        List<String> codes = e.problems().stream().map(Problem::code).toList();
        assertEquals(List.of("schema.unknown-field", "schema.range", "schema.value"), codes);
    }

    @Test
    void aTypoIsReportedOnceNotAlsoAsAMissingField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SymptomFileReader(vocabulary).read(Path.of("fixtures/invalid/unknown-field.yaml")));
        assertEquals(1, e.problems().size(), e.problems().toString());
    }
}
