package io.posmortem.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.Cli;
import io.posmortem.cli.ExitCodes;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.Layer;
import io.posmortem.model.Problem;
import io.posmortem.trace.RuleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shipped rule pack honours the rule contract; each broken pack in fixtures/broken-rules/ gives its documented problems. */
class RulePackTest {

    static KnowledgeBase kb;

    @BeforeAll
    static void load() throws Exception {
        kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
    }

    @Test
    void shippedRulesCarryTheirMetadataInEveryLayer() throws Exception {
        RulePack pack = RulePack.load(Path.of("rules"), kb);
        assertTrue(pack.rules().size() >= 40, "rules: " + pack.rules().size());
        for (RuleInfo r : pack.rules().values()) {
            assertTrue(r.layer().admits(r.salience()), r.id());
            assertTrue(r.line() > 0, r.id() + " has a line");
            assertTrue(r.file().startsWith("rules/"), r.file());
            assertFalse(r.explanation().isBlank(), r.id());
            String prefix = switch (r.layer()) {
                case INTERPRETATION -> "interp.|lint.";
                case PREDICTION -> "pred.";
                case MATCHING -> "match.";
                case CONCLUSION -> "conclude.|fix.";
            };
            assertTrue(r.id().matches("(" + prefix.replace(".", "\\.") + ").*"), r.id() + " is named for its layer " + r.layer());
        }
        for (Layer layer : Layer.values()) {
            assertTrue(pack.rules().values().stream().anyMatch(r -> r.layer() == layer), "a rule in " + layer);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenPackGivesItsDocumentedProblems() throws Exception {
        Map<String, List<String[]>> byPack = new LinkedHashMap<>();
        for (String row : Files.readAllLines(Path.of("fixtures/broken-rules/expected-errors.tsv"))) {
            if (row.isBlank() || row.startsWith("#")) continue;
            String[] c = row.split("\t");
            byPack.computeIfAbsent(c[0], k -> new ArrayList<>()).add(c);
        }
        try (Stream<Path> packs = Files.list(Path.of("fixtures/broken-rules")).filter(Files::isDirectory)) {
            assertEquals(packs.count(), byPack.size(), "every broken pack has rows in expected-errors.tsv");
        }
        return byPack.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path dir = Path.of("fixtures/broken-rules", e.getKey());
            List<String[]> expected = e.getValue();
            List<Problem> problems = expected.get(0)[1].equals("load") ? loadProblems(dir) : runProblems(dir);
            assertEquals(expected.size(), problems.size(), "problems: " + problems);
            for (int i = 0; i < expected.size(); i++) {
                String[] c = expected.get(i);
                Problem p = problems.get(i);
                assertEquals(c[2], p.code(), p.oneLine());
                assertEquals(dir.resolve(c[3]).toString(), p.source(), p.oneLine());
                assertEquals(Integer.parseInt(c[4]), p.line(), p.oneLine());
                assertEquals(Integer.parseInt(c[5]), p.column(), p.oneLine());
                assertTrue(p.oneLine().contains(c[6]), p.oneLine());
            }
        }));
    }

    static List<Problem> loadProblems(Path dir) {
        return assertThrows(RulePackException.class, () -> RulePack.load(dir, kb)).problems();
    }

    /** Loads the pack (it must load) and triages the seed with it through the CLI, which must exit 4. */
    static List<Problem> runProblems(Path dir) throws Exception {
        RulePack.load(dir, kb);
        Cli cli = Cli.run("triage", "--rules", dir.toString(), "--format", "json", "fixtures/seed/founding-case.yaml");
        assertEquals(ExitCodes.RULES, cli.exit(), cli.err());
        assertTrue(cli.out().contains("\"status\" : \"failed\""), "no partial diagnosis is presented as complete: " + cli.out());
        var report = tools.jackson.databind.json.JsonMapper.builder().build().readTree(cli.out());
        List<Problem> problems = new ArrayList<>();
        for (var e : report.path("errors")) {
            problems.add(new Problem(e.path("code").asString(), e.path("source").asString(), "", e.path("line").asInt(),
                    e.path("column").asInt(), e.path("message").asString(), null, e.path("hint").asString(null)));
        }
        return problems;
    }

    @Test
    void aRulesDirectoryWithoutRulesIsAProblemNotACrash() throws Exception {
        Path empty = Files.createTempDirectory("empty-rules");
        assertEquals("rules.empty", loadProblems(empty).get(0).code());
        assertEquals("rules.missing", loadProblems(empty.resolve("absent")).get(0).code());
    }
}
