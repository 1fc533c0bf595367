package io.posmortem.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
import java.time.Duration;
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
            List<Problem> problems = expected.get(0)[1].equals("load") ? loadProblems(dir) : runProblems(dir, expected.get(0)[2]);
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

    /**
     * A pack read from inside a jar (as the bundled pack is) reports the same problems at the same
     * lines and columns as from a directory, named by its path inside the jar (rules/rule.drl).
     */
    @TestFactory
    Stream<DynamicTest> aBrokenPackInsideAJarNamesFileLineAndColumn(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        List<String> packs = new ArrayList<>();
        for (String row : Files.readAllLines(Path.of("fixtures/broken-rules/expected-errors.tsv"))) {
            String[] c = row.split("\t");
            if (!row.startsWith("#") && c.length > 1 && c[1].equals("load") && !packs.contains(c[0])) packs.add(c[0]);
        }
        assertFalse(packs.isEmpty());
        return packs.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path dir = Path.of("fixtures/broken-rules", name);
            Path jar = tmp.resolve(name + ".jar");
            try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new java.util.zip.ZipEntry("rules/" + dir.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            List<Problem> fromDirectory = loadProblems(dir);
            try (var fs = java.nio.file.FileSystems.newFileSystem(jar, (ClassLoader) null)) {
                List<Problem> fromJar = loadProblems(fs.getPath("rules"));
                assertEquals(fromDirectory.size(), fromJar.size(), "problems: " + fromJar);
                for (int i = 0; i < fromJar.size(); i++) {
                    Problem d = fromDirectory.get(i);
                    Problem j = fromJar.get(i);
                    assertEquals(d.source().replace(dir.toString(), "rules"), j.source(), j.oneLine());
                    assertTrue(j.source().startsWith("rules/"), j.oneLine());
                    assertEquals(d.code(), j.code(), j.oneLine());
                    assertEquals(d.line(), j.line(), j.oneLine());
                    assertEquals(d.column(), j.column(), j.oneLine());
                }
            }
        }));
    }

    static List<Problem> loadProblems(Path dir) {
        return assertThrows(RulePackException.class, () -> RulePack.load(dir, kb)).problems();
    }

    /**
     * Rule-session limits for run-time packs: the limit a pack is meant to exceed is small enough to
     * end in seconds, the other one generous (a pack meant to exhaust its 50,000 firings gets a minute,
     * so a loaded machine cannot turn it into a timeout).
     */
    static List<String> limits(String code) {
        return switch (code) {
            case "inference.memory" -> List.of("--rule-memory", "64", "--rule-timeout", "60");
            case "inference.firing-budget", "inference.consequence", "inference.condition", "inference.stack-overflow", "inference.exit" ->
                    List.of("--rule-timeout", "60");
            default -> List.of("--rule-timeout", "3");
        };
    }

    /**
     * Loads the pack (it must load), triages a batch with it through the CLI and returns the
     * problems of its first input. Every input still gets its record, in input order: the RoPE
     * inputs fail with the pack's problem, the malformed one is invalid, and the process exits 4.
     * Then verify with the pack must fail (exit 5) naming the same problem code. A generous bound
     * checks that both end; it is not a benchmark.
     */
    static List<Problem> runProblems(Path dir, String code) throws Exception {
        RulePack.load(dir, kb);
        List<String> args = new ArrayList<>(List.of("triage", "--rules", dir.toString(), "--format", "json"));
        args.addAll(limits(code));
        args.addAll(List.of("fixtures/seed/founding-case.yaml", "fixtures/invalid/malformed.json", "fixtures/classes/dynamic-ntk-history.yaml"));
        Cli cli = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> Cli.run(args.toArray(String[]::new)));
        assertEquals(ExitCodes.RULES, cli.exit(), cli.err());
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        List<String> lines = cli.out().lines().toList();
        assertEquals(3, lines.size(), "one record per input: " + cli.out());
        var first = json.readTree(lines.get(0));
        var invalid = json.readTree(lines.get(1));
        var third = json.readTree(lines.get(2));
        assertEquals("fixtures/seed/founding-case.yaml", first.path("input").asString());
        assertEquals("failed", first.path("status").asString(), "no partial diagnosis is presented as complete: " + lines.get(0));
        assertEquals("invalid", invalid.path("status").asString(), lines.get(1));
        assertEquals("failed", third.path("status").asString(), lines.get(2));
        assertEquals(code, third.path("errors").path(0).path("code").asString(), lines.get(2));

        List<String> verifyArgs = new ArrayList<>(List.of("verify", "--rules", dir.toString()));
        verifyArgs.addAll(limits(code));
        Cli verify = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> Cli.run(verifyArgs.toArray(String[]::new)));
        assertEquals(ExitCodes.VERIFY, verify.exit(), verify.out());
        assertTrue(verify.out().contains("the rules could not finish") && verify.out().contains("[" + code + "]"), verify.out());
        assertTrue(verify.out().contains("VERIFY FAILED"), verify.out());

        List<Problem> problems = new ArrayList<>();
        for (var e : first.path("errors")) {
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
