package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.posmortem.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The trace artifact, explain (HOW and WHY-NOT) and the diff of two traces. */
class TraceAndExplainTest {

    static final String SEED = "fixtures/seed/founding-case.yaml";

    @Test
    void twoRunsWriteByteIdenticalTraces(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(ExitCodes.OK, Cli.run("triage", "--trace", a.toString(), SEED).exit());
        assertEquals(ExitCodes.OK, Cli.run("triage", "--trace", b.toString(), SEED).exit());
        assertEquals(Files.readString(a), Files.readString(b));
        Cli diff = Cli.run("explain", "--diff", a.toString(), b.toString());
        assertTrue(diff.out().contains("no differences"), diff.out());
    }

    @Test
    void theTraceFollowsItsSchema(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("t.json");
        Cli.run("triage", "--trace", trace.toString(), SEED);
        JsonNode schemaNode;
        try (InputStream in = getClass().getResourceAsStream("/schema/trace-v1.schema.json")) {
            schemaNode = JsonMapper.builder().build().readTree(in);
        }
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
        JsonNode doc = JsonMapper.builder().build().readTree(trace.toFile());
        List<Error> errors = schema.validate(doc);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(2, doc.path("builds").size());
        JsonNode a = doc.path("builds").get(0);
        assertEquals("uniform-rope-interpolation", a.path("conclusion").path("hypothesis").asString());
        // Every firing names its rule's file and line, and its bound numbers are kept.
        JsonNode firing = a.path("firings").get(0);
        assertTrue(firing.path("file").asString().startsWith("rules"), firing.toString());
        assertTrue(firing.path("line").asInt() > 0);
        assertFalse(a.path("facts").isEmpty());
        // Every justification of a derived fact is kept: uniform interpolation's "short prompts
        // change" is derived both from the blurred local band and from the compressed transition band.
        boolean several = false;
        for (JsonNode f : a.path("facts")) {
            JsonNode by = f.path("justified_by");
            if (by.size() > 1) {
                several = true;
                assertEquals(f.path("inserted_by").asInt(), by.get(0).asInt(), f.toString());
            }
        }
        assertTrue(several, "a fact with more than one justification");
    }

    @Test
    void theDiffAgainstAPackWithARuleRemovedNamesThatRule(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path p : files.toList()) {
                Path target = rules.resolve(Path.of("rules").relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        Path outcomes = rules.resolve("3-matching/outcomes.drl");
        String source = Files.readString(outcomes);
        int start = source.indexOf("rule \"Degradation that grows with length, as predicted\"");
        int end = source.indexOf("\nend\n", start) + 5;
        Files.writeString(outcomes, source.substring(0, start) + source.substring(end));
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(ExitCodes.OK, Cli.run("triage", "--trace", a.toString(), SEED).exit());
        Cli withoutRule = Cli.run("triage", "--rules", rules.toString(), "--trace", b.toString(), SEED);
        assertEquals(ExitCodes.OK, withoutRule.exit(), withoutRule.err());
        Cli diff = Cli.run("explain", "--diff", a.toString(), b.toString());
        assertTrue(diff.out().contains("rule match.trend-agrees only in " + a), diff.out());
        assertTrue(diff.out().contains("rules fingerprint differs"), diff.out());
        assertTrue(diff.out().contains("score alibi-linear-bias"), "Build B lost its trend supports: " + diff.out());
    }

    @Test
    void explainAnswersHowAndWhyNotForTheFoundingCase() {
        Cli cli = Cli.run("explain", SEED);
        assertEquals(ExitCodes.OK, cli.exit(), cli.err());
        // Lines are wrapped for the terminal: compare with whitespace collapsed.
        String out = cli.out().replaceAll("\\s+", " ");
        // HOW, Build A: the diagnosis down to the local pairs' numbers.
        assertTrue(out.contains("== build-a: diagnosed uniform-rope-interpolation"), out);
        assertTrue(out.contains("by interp.rope.local-resolution-lost: 21 of 21 local rotary pairs"), out);
        assertTrue(out.contains("rotary pair 0 of build-a:uniform-rope-interpolation: wavelength 6.283, scale 8"), out);
        // HOW, Build B: the ALiBi reach number.
        assertTrue(out.contains("== build-b: diagnosed alibi-linear-bias"), out);
        assertTrue(out.contains("charges 20 nats 5,120 tokens back"), out);
        // WHY-NOT the NTK-aware base change (Build A) and T5 (Build B), with the numbers that failed.
        String a = out.substring(out.indexOf("== build-a"), out.indexOf("== build-b"));
        String b = out.substring(out.indexOf("== build-b"));
        assertTrue(a.contains("ntk-aware-base-change (NTK-aware base change"), a);
        assertTrue(a.contains("predicts local-syntax preserved at every length, but it was observed degraded at 20,000-32,768 tokens"), a);
        assertTrue(b.contains("t5-bucketed-bias (T5 bucketed relative bias"), b);
        assertTrue(b.contains("short by"), b);
        assertTrue(b.contains("[match.preserved-contradicted"), b);
    }

    @Test
    void explainAsJsonHasTheTreeAndTheNearMisses() {
        Cli cli = Cli.run("explain", "--format", "json", "--build", "build-b", SEED);
        JsonNode doc = JsonMapper.builder().build().readTree(cli.out());
        JsonNode b = doc.path("builds").get(0);
        assertEquals("build-b", b.path("build").asString());
        assertEquals("conclude.diagnosed", b.path("how").path("rule").asString());
        assertFalse(b.path("how").path("children").isEmpty());
        boolean t5 = false;
        for (JsonNode m : b.path("why_not")) t5 |= m.path("hypothesis").asString().equals("t5-bucketed-bias") && !m.path("against").isEmpty();
        assertTrue(t5, b.path("why_not").toString());
    }

    @Test
    void explainErrorsAreClear() {
        Cli missing = Cli.run("explain", "no-such-file.yaml");
        assertEquals(ExitCodes.INVALID_INPUT, missing.exit());
        Cli build = Cli.run("explain", "--build", "nope", SEED);
        assertEquals(ExitCodes.USAGE, build.exit());
        assertTrue(build.err().contains("no build 'nope'"), build.err());
        Cli notTrace = Cli.run("explain", "--diff", SEED, SEED);
        assertEquals(ExitCodes.INVALID_INPUT, notTrace.exit());
    }

    /**
     * Batch traces are JSON Lines, one record per input: the diff matches records by input. Run 1
     * triages a, b and c; run 2 triages a, b, c with an onset added to its degraded observation,
     * and d. So the first two records are unchanged, c's conclusion changes (the onset at 20,000
     * tokens agrees with an NTK-aware base change, ~18.7k, and not with unscaled RoPE, 4,097), and
     * d is added.
     */
    @Test
    void diffOfJsonLinesTracesComparesRecordByRecord(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(Path.of("fixtures/classes/rope-extrapolation.yaml"), in.resolve("a.yaml"));
        Files.copy(Path.of("fixtures/honest/one-weak-observation.yaml"), in.resolve("b.yaml"));
        String c = Files.readString(Path.of("fixtures/honest/ntk-or-unapplied-no-onset.yaml"));
        Files.writeString(in.resolve("c.yaml"), c);
        Path a = dir.resolve("a.jsonl");
        Cli first = Cli.run("triage", "--format", "json", "--trace", a.toString(), in.toString());
        assertEquals(ExitCodes.OK, first.exit(), first.err());
        assertEquals(3, Files.readAllLines(a).size(), "one trace per input");

        String withOnset = c.replace("        outcome: degraded\n", "        outcome: degraded\n        onset: 20000\n");
        assertTrue(!withOnset.equals(c));
        Files.writeString(in.resolve("c.yaml"), withOnset);
        Files.copy(Path.of("fixtures/contrast/ntk-long-range-break.yaml"), in.resolve("d.yaml"));
        Path b = dir.resolve("b.jsonl");
        assertEquals(ExitCodes.OK, Cli.run("triage", "--format", "json", "--trace", b.toString(), in.toString()).exit());

        Cli diff = Cli.run("explain", "--diff", a.toString(), b.toString());
        assertEquals(ExitCodes.OK, diff.exit(), diff.err());
        String out = diff.out();
        assertFalse(out.contains("no differences"), out);
        assertTrue(out.contains("3 input(s) in both, 1 changed; 1 added, 0 removed"), out);
        assertTrue(out.contains("added: " + in.resolve("d.yaml")), out);
        assertTrue(out.contains("explain --diff " + a + ":3 " + b + ":3"), "c is the third record of each: " + out);
        assertTrue(out.contains("conclusion: insufficient-evidence ntk-aware-base-change"), out);
        assertFalse(out.contains("a.yaml") || out.contains("b.yaml"), "unchanged inputs are not listed: " + out);

        Cli json = Cli.run("explain", "--diff", a.toString(), b.toString(), "--format", "json");
        JsonNode node = JsonMapper.builder().build().readTree(json.out());
        assertEquals(3, node.path("compared").asInt());
        assertEquals(1, node.path("changed").size());
        assertEquals(in.resolve("d.yaml").toString(), node.path("added").get(0).asString());

        Cli same = Cli.run("explain", "--diff", b.toString(), b.toString());
        assertTrue(same.out().contains("no differences (4 input(s) in both)"), same.out());
    }

    /** A broken record in a JSON Lines trace is an invalid input named by file and line. */
    @Test
    void aBrokenJsonLinesRecordIsLocated(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(Path.of("fixtures/classes/rope-extrapolation.yaml"), in.resolve("a.yaml"));
        Files.copy(Path.of("fixtures/honest/one-weak-observation.yaml"), in.resolve("b.yaml"));
        Path good = dir.resolve("good.jsonl");
        assertEquals(ExitCodes.OK, Cli.run("triage", "--format", "json", "--trace", good.toString(), in.toString()).exit());
        List<String> lines = Files.readAllLines(good);
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, lines.get(0) + "\n" + lines.get(1).substring(0, 40) + "\n{\"tool\": \"posmortem\"}\n");
        Cli diff = Cli.run("explain", "--diff", good.toString(), broken.toString());
        assertEquals(ExitCodes.INVALID_INPUT, diff.exit(), diff.out());
        assertTrue(diff.err().contains(broken + ":2:"), "the cut record, with its line: " + diff.err());
        assertTrue(diff.err().contains(broken + ":3: not a posmortem trace"), "every broken record in one pass: " + diff.err());
    }

    /** --with-trace embeds the trace in a JSON report; with any other format it is a usage error, not silently ignored. */
    @Test
    void withTraceOutsideJsonIsAUsageError() {
        Cli text = Cli.run("triage", "--with-trace", SEED);
        assertEquals(ExitCodes.USAGE, text.exit());
        assertTrue(text.err().contains("--with-trace") && text.err().contains("--format json"), text.err());
        assertEquals("", text.out());
        Cli markdown = Cli.run("triage", "--format", "markdown", "--with-trace", SEED);
        assertEquals(ExitCodes.USAGE, markdown.exit());
        Cli json = Cli.run("triage", "--format", "json", "--with-trace", SEED);
        assertEquals(ExitCodes.OK, json.exit(), json.err());
        assertTrue(json.out().contains("\"trace\""), "the trace is embedded");
    }
}
