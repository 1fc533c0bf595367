package io.posmortem.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.inference.SessionLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PackVerification} never lets a fixture drop out silently: a fixture that cannot be parsed
 * is a failure naming it unless an expected-errors.tsv beside it declares it malformed on purpose,
 * and a fixture tree that cannot be read fails the pack.
 */
class PackVerificationTest {
    static final Path RULES = Path.of("rules");
    static final Path KB = Path.of("knowledge-base");

    static PackVerification.Result verify(Path fixtures) {
        return PackVerification.verify(RULES, KB, fixtures, SessionLimits.defaults());
    }

    @Test
    void aFixtureThatStopsParsingIsAFailureNamingIt(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("fixtures/seed/founding-case.yaml"), dir.resolve("founding-case.yaml"));
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "posmortem: 1\nmodel: [unclosed\n");
        PackVerification.Result r = verify(dir);
        assertEquals(1, r.scenarios(), "the founding case still runs");
        List<String> named = r.failures().stream().filter(f -> f.startsWith(broken.toString())).toList();
        assertEquals(1, named.size(), r.failures().toString());
        assertTrue(named.get(0).contains("cannot be read as a fixture"), named.get(0));
        assertFalse(r.passed());
    }

    @Test
    void aMalformedInputListedInExpectedErrorsIsNotAFailure(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("fixtures/seed/founding-case.yaml"), dir.resolve("founding-case.yaml"));
        Path invalid = Files.createDirectories(dir.resolve("invalid"));
        Files.copy(Path.of("fixtures/invalid/syntax-error.yaml"), invalid.resolve("syntax-error.yaml"));
        Files.writeString(invalid.resolve(PackVerification.EXPECTED_ERRORS), "# file\tcode\nsyntax-error.yaml\tsyntax\t-\t8\t-\n");
        PackVerification.Result r = verify(dir);
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        assertEquals(1, r.scenarios());
        // One fixture cannot exercise every rule: the pack fails on coverage, not on the declared input.
        assertFalse(r.neverFire().isEmpty());
    }

    /** A directory holding a not-scenarios.txt is skipped with everything under it; a sibling without one is not. */
    @Test
    void aDirectoryMarkedNotScenariosIsSkippedWithItsSubtree(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("fixtures/seed/founding-case.yaml"), dir.resolve("founding-case.yaml"));
        Path data = Files.createDirectories(dir.resolve("samples/nested"));
        Files.writeString(dir.resolve("samples").resolve(PackVerification.NOT_SCENARIOS), "inputs of another check\n");
        Files.writeString(data.resolve("no-expectations.yaml"), "posmortem: 1\nmodel: [unclosed\n");
        Files.writeString(dir.resolve("samples/results.json"), "{\"not\": \"a symptom file\"}");
        PackVerification.Result r = verify(dir);
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        assertEquals(1, r.scenarios());

        Path sibling = Files.createDirectories(dir.resolve("samples-unmarked"));
        Files.writeString(sibling.resolve("broken.yaml"), "posmortem: 1\nmodel: [unclosed\n");
        PackVerification.Result unmarked = verify(dir);
        assertEquals(1, unmarked.failures().stream().filter(f -> f.startsWith(sibling.resolve("broken.yaml").toString())).count(),
                "a directory whose name only starts like a marked one is not skipped: " + unmarked.failures());
    }

    @Test
    void aFixtureTreeThatCannotBeReadFailsThePack(@TempDir Path dir) {
        PackVerification.Result r = verify(dir.resolve("missing"));
        assertEquals(1, r.failures().size(), r.failures().toString());
        assertTrue(r.failures().get(0).contains("cannot read the fixtures"), r.failures().get(0));
        assertEquals(0, r.scenarios());
    }

    @Test
    void aBrokenKnowledgeBaseStopsVerificationWithItsProblems(@TempDir Path dir) {
        PackVerification.Result r = PackVerification.verify(RULES, dir.resolve("no-kb"), Path.of("fixtures/seed"), SessionLimits.defaults());
        assertFalse(r.knowledgeProblems().isEmpty());
        assertTrue(r.ruleProblems().isEmpty());
        assertEquals(0, r.rules());
        assertFalse(r.passed());
    }
}
