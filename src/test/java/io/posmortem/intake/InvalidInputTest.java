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
 * fixtures/invalid/expected-errors.tsv: code, JSON pointer, line, and part of the hint and of the message.
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
                assertEquals(6, c.length, "a row names file, code, pointer, line, hint and message: " + row);
                assertTrue(first.message().contains(c[5]), "message of " + first.oneLine());
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

    /** Schema, vocabulary and semantic problems of one file come out together, in file order. */
    @Test
    void problemsOfEveryStageAreReportedInOneRun() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SymptomFileReader(vocabulary).read(Path.of("fixtures/invalid/schema-vocabulary-semantic.yaml")));
        List<String> found = e.problems().stream().map(p -> p.code() + " " + p.pointer()).toList();
        assertEquals(List.of(
                "vocabulary.retrofit-kind /builds/0/retrofit/kind",
                "schema.unknown-field /builds/0/runtime/rope_theta",
                "schema.value /builds/0/runtime/kv_cache_dtype",
                "schema.type /builds/0/runtime/sliding_window",
                "schema.value /builds/0/observations/0/outcome",
                "value.band-beyond-target /builds/0/observations/0/context/to",
                "vocabulary.capability /builds/0/observations/1/capability",
                "value.onset-outside-band /builds/0/observations/1/onset",
                "vocabulary.retrofit-kind /builds/1/retrofit/kind",
                "value.range /builds/1/what_if/original_max_position_embeddings"), found);
        List<String> hints = e.problems().stream().map(Problem::hint).toList();
        assertTrue(hints.get(0).startsWith("did you mean 'rope-linear'?"), hints.get(0));
        assertTrue(hints.get(1).startsWith("did you mean 'reported_base'?"), hints.get(1));
        assertTrue(hints.get(8).startsWith("did you mean 'rope-none'?"), hints.get(8));
        List<Integer> lines = e.problems().stream().map(Problem::line).toList();
        assertEquals(lines.stream().sorted().toList(), lines, "in file order");
    }

    static List<Problem> problemsOf(String yaml) {
        return assertThrows(InvalidInputException.class, () -> new SymptomFileReader(vocabulary)
                .read(SourceText.of("case.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).problems();
    }

    static final String MODEL = "posmortem: 1\nmodel:\n  positional_encoding: rope\n  trained_context: 4096\n";

    /** A value the schema refuses is reported once: the checks that would need it are skipped, the others still run. */
    @Test
    void aRefusedValueIsNotReportedAgainAsItsConsequences() {
        // trained_context refused: no "needs trained_context", no target shorter than trained; the capability is still checked.
        List<Problem> trained = problemsOf("posmortem: 1\nmodel: {positional_encoding: rope, trained_context: -4096}\nbuilds:\n"
                + "  - id: a\n    retrofit: {kind: rope-linear, target_context: 100}\n    observations:\n"
                + "      - {capability: local-sintax, outcome: degraded, context: {from: 1, to: 50000}}\n");
        assertEquals(List.of("schema.range", "vocabulary.capability"), trained.stream().map(Problem::code).toList(), trained.toString());
        // A misspelled field stands for the right one: no "needs trained_context" besides the typo.
        List<Problem> typo = problemsOf("posmortem: 1\nmodel: {positional_encoding: rope, trained_contxt: 4096}\nbuilds:\n"
                + "  - id: a\n    retrofit: {kind: rope-linear, factor: 8}\n    observations:\n      - {capability: local-syntax, outcome: degraded}\n");
        assertEquals(List.of("schema.unknown-field"), typo.stream().map(Problem::code).toList(), typo.toString());
        // A refused factor leaves the target unknown: no "target length unknown", no band check against a guess.
        List<Problem> factor = problemsOf(MODEL + "builds:\n  - id: a\n    retrofit: {kind: rope-linear, factor: 0.5}\n"
                + "    observations:\n      - {capability: local-syntax, outcome: degraded, context: {from: 1, to: 90000}}\n");
        assertEquals(List.of("schema.range"), factor.stream().map(Problem::code).toList(), factor.toString());
        // Refused counts: no "needs an outcome" for the observation they would decide.
        List<Problem> counts = problemsOf(MODEL + "builds:\n  - id: a\n    retrofit: {kind: rope-linear, factor: 8}\n"
                + "    observations:\n      - {capability: local-syntax, counts: {successes: -1, trials: 10, baseline: {successes: 9, trials: 10}}}\n");
        assertEquals(List.of("schema.range"), counts.stream().map(Problem::code).toList(), counts.toString());
        // A block with a refused value is not read further (its derived factor would be a second report of it).
        List<Problem> block = problemsOf(MODEL + "builds:\n  - id: a\n    retrofit: {kind: rope-configured, target_context: 32768,"
                + " rope_scaling: {rope_type: yarn, original_max_position_embeddings: 1}}\n"
                + "    observations:\n      - {capability: local-syntax, outcome: degraded}\n");
        assertEquals(List.of("schema.range"), block.stream().map(Problem::code).toList(), block.toString());
        // A missing retrofit and a build that is not a mapping: reported by the schema, the other builds still checked.
        List<Problem> builds = problemsOf(MODEL + "builds:\n  - id: a\n    observations:\n      - {capability: local-syntax, outcome: degraded}\n"
                + "  - 7\n  - id: c\n    retrofit: {kind: rope-lineer, factor: 8}\n    observations:\n      - {capability: local-syntax, outcome: degraded}\n");
        assertEquals(List.of("schema.required /builds/0", "schema.type /builds/1", "vocabulary.retrofit-kind /builds/2/retrofit/kind"),
                builds.stream().map(p -> p.code() + " " + p.pointer()).toList(), builds.toString());
    }

    /** A config.json that cannot be used: its problems after the one naming it, the file's own problems still reported, nothing it would have given reported missing. */
    @Test
    void anUnusableConfigLeavesItsFieldsUnknownAndTheRestIsStillChecked(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"rope_theta\": \"x\", \"head_dim\": 128}");
        Files.writeString(dir.resolve("s.yaml"), "posmortem: 1\nmodel: {config: config.json}\nbuilds:\n  - id: a\n"
                + "    retrofit: {kind: rope-lineer, factor: 8}\n    observations:\n      - {capability: local-syntax, outcome: degraded}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SymptomFileReader(vocabulary).read(dir.resolve("s.yaml")));
        assertEquals(List.of("input.model-config", "config.type", "vocabulary.retrofit-kind"),
                e.problems().stream().map(Problem::code).toList(), e.problems().toString());
        InvalidInputException network = assertThrows(InvalidInputException.class,
                () -> new SymptomFileReader(vocabulary).withoutFileAccess().read(dir.resolve("s.yaml")));
        assertEquals(List.of("input.model-config", "vocabulary.retrofit-kind"),
                network.problems().stream().map(Problem::code).toList(), network.problems().toString());
    }

    @Test
    void aRootThatIsNotAMappingGetsOnlyTheSchemasProblem() {
        List<Problem> list = problemsOf("- 1\n- 2\n");
        assertEquals(List.of("schema.type"), list.stream().map(Problem::code).toList(), list.toString());
    }

    @Test
    void anOnsetBelowItsBandIsFineAndOneBeyondTheWholeTargetWindowIsNot() throws Exception {
        String below = MODEL + "builds:\n  - id: a\n    retrofit: {kind: rope-linear, factor: 8}\n"
                + "    observations:\n      - {capability: local-syntax, outcome: degraded, context: {from: 9000, to: 16000}, onset: 5000}\n";
        new SymptomFileReader(vocabulary).read(SourceText.of("below.yaml", below.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        List<Problem> beyond = problemsOf(MODEL + "builds:\n  - id: a\n    retrofit: {kind: rope-linear, factor: 8}\n"
                + "    observations:\n      - {capability: local-syntax, outcome: degraded, onset: 40000}\n");
        assertEquals("value.onset-outside-band", beyond.get(0).code());
        assertTrue(beyond.get(0).message().contains("1-32768 (the whole target window)"), beyond.get(0).message());
    }

    @Test
    void aBandUpToTheTargetIsFine() throws Exception {
        String atTarget = MODEL + "builds:\n  - id: a\n    retrofit: {kind: rope-linear}\n    runtime: {context_window: 16384}\n"
                + "    observations:\n      - {capability: local-syntax, outcome: degraded, context: {from: 9000, to: 16384}}\n";
        new SymptomFileReader(vocabulary).read(SourceText.of("t.yaml", atTarget.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        List<Problem> past = problemsOf(atTarget.replace("to: 16384", "to: 16385"));
        assertEquals(List.of("value.band-beyond-target"), past.stream().map(Problem::code).toList());
    }

    @Test
    void aTypoIsReportedOnceNotAlsoAsAMissingField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SymptomFileReader(vocabulary).read(Path.of("fixtures/invalid/unknown-field.yaml")));
        assertEquals(1, e.problems().size(), e.problems().toString());
    }
}
