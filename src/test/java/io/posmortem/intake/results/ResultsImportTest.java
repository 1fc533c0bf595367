package io.posmortem.intake.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.Cli;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code posmortem import} on every sample of {@code fixtures/results/} (see its README for where
 * each layout comes from): imported into a copy of the samples' symptom file, the counts of each
 * band checked against the sample by hand, then triaged, which must conclude (a diagnosis or an
 * honest abstention); baseline matching, detection by content, and every failure code with its
 * location.
 */
class ResultsImportTest {

    static final Path R = Path.of("fixtures/results");
    static final String SKELETON = "fixtures/results/llama2-linear-32k.yaml";
    static KnowledgeBase kb;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
    }

    /** Imports {@code files} (and options) into a copy of the skeleton; returns its observations by id. */
    private Map<String, JsonNode> importInto(String... args) throws Exception {
        Path target = dir.resolve("incident.yaml");
        Files.copy(Path.of(SKELETON), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> all = new ArrayList<>(List.of("import", "--into", target.toString(), "--build", "build-a"));
        all.addAll(List.of(args));
        Cli cli = Cli.run(all.toArray(String[]::new));
        assertEquals(0, cli.exit(), cli.err());
        return observations(target);
    }

    private static Map<String, JsonNode> observations(Path file) throws Exception {
        JsonNode root = YAMLMapper.builder().build().readTree(Files.readString(file));
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode o : root.path("builds").get(0).path("observations")) out.put(o.path("id").asString(), o);
        return out;
    }

    /** successes/trials vs baseline successes/trials of an observation. */
    private static String counts(JsonNode o) {
        JsonNode c = o.path("counts");
        return c.path("successes").asInt() + "/" + c.path("trials").asInt() + " vs " + c.path("baseline").path("successes").asInt() + "/"
                + c.path("baseline").path("trials").asInt();
    }

    /** Triages the imported file: it must be read and concluded (a diagnosis, or insufficient evidence with what would decide). */
    private void triageConcludes() {
        Cli cli = Cli.run("triage", dir.resolve("incident.yaml").toString());
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains("build-a  diagnosed:") || cli.out().contains("build-a  insufficient-evidence:"), cli.out());
    }

    @Test
    void lmEvalResultsGiveCountsPerLengthAgainstTheShortestLength() throws Exception {
        Map<String, JsonNode> obs = importInto(R.resolve("lm-eval/results_2026-11-30T09-12-44.123456.json").toString());
        // niah_single_1: n-samples 400 over the 4 lengths scored = 100 per length; scores 0.97 (4096, the baseline),
        // 0.9, 0.62, 0.31 -> 90, 62, 31 of 100. ruler_vt: 300 over 3 lengths (32768 is -1: no samples) = 100;
        // 0.88 (baseline), 0.8, 0.55. wikitext: one length, no baseline -> left out.
        assertEquals(List.of("json", "niah_single_1-8192", "niah_single_1-16384", "niah_single_1-32768", "ruler_vt-8192", "ruler_vt-16384"),
                List.copyOf(obs.keySet()));
        assertEquals("90/100 vs 97/100", counts(obs.get("niah_single_1-8192")));
        assertEquals("62/100 vs 97/100", counts(obs.get("niah_single_1-16384")));
        assertEquals("31/100 vs 97/100", counts(obs.get("niah_single_1-32768")));
        assertEquals("80/100 vs 88/100", counts(obs.get("ruler_vt-8192")));
        assertEquals("55/100 vs 88/100", counts(obs.get("ruler_vt-16384")));
        JsonNode o = obs.get("niah_single_1-32768");
        assertEquals("long-range-reference", o.path("capability").asString());
        assertEquals(32768, o.path("context").path("from").asInt());
        assertEquals(32768, o.path("context").path("to").asInt());
        assertEquals("niah_single_1", o.path("source").path("task").asString());
        assertEquals("32768,none", o.path("source").path("metric").asString());
        assertEquals("fixtures/results/lm-eval/results_2026-11-30T09-12-44.123456.json", o.path("source").path("file").asString());
        triageConcludes();
    }

    @Test
    void aBaselineRunIsMatchedByTaskAndLength() throws Exception {
        Path target = dir.resolve("incident.yaml");
        Files.copy(Path.of(SKELETON), target);
        Cli cli = Cli.run("import", "--into", target.toString(), "--build", "build-a", R.resolve("lm-eval/results_2026-11-30T09-12-44.123456.json").toString(),
                "--baseline", R.resolve("lm-eval/baseline/results_2026-11-29T18-40-02.654321.json").toString());
        assertEquals(0, cli.exit(), cli.err());
        Map<String, JsonNode> obs = observations(target);
        // The baseline has niah_single_1 at 4096 only (0.98 x 100) and wikitext at max_length 32768 (9.97).
        assertEquals(List.of("json", "niah_single_1-4096", "wikitext-32768"), List.copyOf(obs.keySet()));
        assertEquals("97/100 vs 98/100", counts(obs.get("niah_single_1-4096")));
        JsonNode metric = obs.get("wikitext-32768").path("metric");
        assertEquals("perplexity", metric.path("name").asString());
        assertEquals(14.82, metric.path("value").asDouble());
        assertEquals(9.97, metric.path("baseline").asDouble());
        assertEquals("output-quality", obs.get("wikitext-32768").path("capability").asString());
        assertTrue(cli.err().contains("niah_single_1 at 8,192 tokens: the baseline has no result there, left out"), cli.err());
        assertTrue(cli.err().contains("ruler_vt at 4,096 tokens: the baseline has no result there"), cli.err());
        // The report shows where the degraded perplexity came from.
        Cli triage = Cli.run("triage", target.toString());
        assertEquals(0, triage.exit(), triage.err());
        assertTrue(triage.out().replaceAll("\\s+", " ").contains("(from fixtures/results/lm-eval/results_2026-11-30T09-12-44.123456.json, wikitext, word_perplexity,none)"),
                triage.out());
        Cli json = Cli.run("triage", "--format", "json", target.toString());
        assertTrue(json.out().contains("\"task\" : \"wikitext\""), json.out());
        // The HTML and Markdown count tables name the source of the counted band too.
        Cli html = Cli.run("triage", "--format", "html", target.toString());
        assertTrue(html.out().contains("niah_single_1-4096 (long-range-reference) (from fixtures/results/lm-eval/results_2026-11-30T09-12-44.123456.json, niah_single_1, 4096,none)"),
                html.out());
        Cli md = Cli.run("triage", "--format", "markdown", target.toString());
        assertTrue(md.out().contains("(from fixtures/results/lm-eval/results\\_2026-11-30T09-12-44.123456.json, niah\\_single\\_1, 4096,none)"), md.out());
    }

    @Test
    void lmEvalSamplesGiveExactCountsPerLength() throws Exception {
        Map<String, JsonNode> obs = importInto(R.resolve("lm-eval-samples/samples_niah_single_2_2026-11-30T09-12-44.123456.jsonl").toString());
        // 10 documents at 4096, all scored 1.0 (the baseline); 10 at 16384, 4 scored 1.0. The task is the file name's.
        assertEquals(List.of("json", "niah_single_2-16384"), List.copyOf(obs.keySet()));
        assertEquals("4/10 vs 10/10", counts(obs.get("niah_single_2-16384")));
        assertEquals("16384", obs.get("niah_single_2-16384").path("source").path("metric").asString());
        triageConcludes();
    }

    @Test
    void rulerSummariesGiveCountsFromTheNullsDenominator() throws Exception {
        String base = "ruler/llama-2-7b-linear/synthetic/";
        Map<String, JsonNode> obs = importInto(R.resolve(base + "4096/pred/summary.csv").toString(),
                R.resolve(base + "16384/pred/summary.csv").toString(), R.resolve(base + "32768/pred/summary.csv").toString());
        // 500 samples each (Nulls k/500); niah_single_1 99.2% -> 496 (baseline, 4096), 71.4% -> 357, 40.6% -> 203;
        // vt 93.44% -> 467.2 -> 467, 20.12% at 32768 -> 100.6 -> 101; qa_1 70.4% -> 352, 41.2% -> 206.
        assertEquals(9, obs.size());
        assertEquals("357/500 vs 496/500", counts(obs.get("niah_single_1-16384")));
        assertEquals("203/500 vs 496/500", counts(obs.get("niah_single_1-32768")));
        assertEquals("101/500 vs 467/500", counts(obs.get("vt-32768")));
        assertEquals("206/500 vs 352/500", counts(obs.get("qa_1-16384")));
        assertEquals("long-range-reference", obs.get("vt-32768").path("capability").asString());
        assertTrue(obs.get("vt-32768").path("note").asString().contains("500 samples (Nulls row)"));
        triageConcludes();
    }

    @Test
    void aNeedleGridSplitsEarlyFromLateNeedles() throws Exception {
        Map<String, JsonNode> obs = importInto(R.resolve("needle/llama-2-7b-linear-32k.jsonl").toString());
        // Depths 0 and 10 are early (<= 10%), 50, 90, 100 late; two tests per cell, scale 1-10, success = 10.
        // 4000 (baseline): every test 10 -> early 4/4, late 6/6. 16000: early scores 3,1,1,1 -> 0/4; late all 10 -> 6/6.
        // 32000: early 0/4; late depth 50 scores 7 and 1 (misses), 90 and 100 score 10 -> 4/6.
        assertEquals("0/4 vs 4/4", counts(obs.get("needle-early-16000")));
        assertEquals("6/6 vs 6/6", counts(obs.get("needle-late-16000")));
        assertEquals("0/4 vs 4/4", counts(obs.get("needle-early-32000")));
        assertEquals("4/6 vs 6/6", counts(obs.get("needle-late-32000")));
        assertEquals("early-instruction-adherence", obs.get("needle-early-32000").path("capability").asString());
        assertEquals("long-range-reference", obs.get("needle-late-32000").path("capability").asString());
        triageConcludes();
    }

    @Test
    void theGenericCsvAndJsonLinesAreRead() throws Exception {
        Map<String, JsonNode> csv = importInto(R.resolve("generic/passkey-counts.csv").toString());
        // Rows as written; 2048 (50/50) is the baseline.
        assertEquals("47/50 vs 50/50", counts(csv.get("passkey-8192")));
        assertEquals("12/50 vs 50/50", counts(csv.get("passkey-32768")));
        triageConcludes();
        Map<String, JsonNode> jsonl = importInto(R.resolve("generic/perplexity.jsonl").toString());
        JsonNode m = jsonl.get("pg19-32768").path("metric");
        assertEquals("perplexity 11.4 vs 6.21", m.path("name").asString() + " " + m.path("value").asDouble() + " vs " + m.path("baseline").asDouble());
        triageConcludes();
    }

    @Test
    void importingTheSameFileAgainReplacesItsObservations() throws Exception {
        String file = R.resolve("generic/passkey-counts.csv").toString();
        importInto(file);
        Path target = dir.resolve("incident.yaml");
        assertEquals(0, Cli.run("import", "--into", target.toString(), "--build", "build-a", file).exit());
        assertEquals(List.of("json", "passkey-8192", "passkey-16384", "passkey-32768"), List.copyOf(observations(target).keySet()));
    }

    @Test
    void withoutIntoImportPrintsAFileToFillIn() {
        Cli cli = Cli.run("import", R.resolve("generic/passkey-counts.csv").toString(), "--build", "canary");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("- id: \"canary\""), cli.out());
        assertTrue(cli.out().contains("counts: {successes: 30, trials: 50, baseline: {successes: 50, trials: 50}}"), cli.out());
        assertTrue(cli.out().contains("kind: FILL-IN"), cli.out());
    }

    @Test
    void theFormatIsDetectedByContentNotByExtension() throws Exception {
        ResultsReader reader = new ResultsReader(ResultsLimits.DEFAULT, 500, 10);
        assertEquals(ResultsFormat.LM_EVAL, reader.detect(R.resolve("lm-eval/results_2026-11-30T09-12-44.123456.json"), "r"));
        assertEquals(ResultsFormat.LM_EVAL_SAMPLES, reader.detect(R.resolve("lm-eval-samples/samples_niah_single_2_2026-11-30T09-12-44.123456.jsonl"), "s"));
        assertEquals(ResultsFormat.RULER, reader.detect(R.resolve("ruler/llama-2-7b-linear/synthetic/4096/pred/summary.csv"), "u"));
        assertEquals(ResultsFormat.NEEDLE, reader.detect(R.resolve("needle/llama-2-7b-linear-32k.jsonl"), "n"));
        assertEquals(ResultsFormat.CSV, reader.detect(R.resolve("generic/passkey-counts.csv"), "c"));
        assertEquals(ResultsFormat.JSONL, reader.detect(R.resolve("generic/perplexity.jsonl"), "j"));
        // Renamed to .txt: still the same format.
        Path renamed = dir.resolve("results.txt");
        Files.copy(R.resolve("lm-eval/results_2026-11-30T09-12-44.123456.json"), renamed);
        assertEquals(ResultsFormat.LM_EVAL, reader.detect(renamed, "results.txt"));
        Path csv = dir.resolve("counts.json");
        Files.copy(R.resolve("generic/passkey-counts.csv"), csv);
        assertEquals(ResultsFormat.CSV, reader.detect(csv, "counts.json"));
    }

    private Problem only(InvalidInputException e, String code) {
        List<Problem> of = e.problems().stream().filter(p -> p.code().equals(code)).toList();
        assertFalse(of.isEmpty(), e.problems().toString());
        return of.get(0);
    }

    private InvalidInputException importFails(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return assertThrows(InvalidInputException.class,
                () -> new EvalImport(kb.evalTasks(), 10, 500, ResultsLimits.DEFAULT).of(List.of(file), List.of(), null));
    }

    @Test
    void anUnknownLayoutIsAFormatProblem() throws Exception {
        Problem p = only(importFails("notes.txt", "we ran the needle test and it was bad\n"), "results.format");
        assertEquals(1, p.line());
        assertTrue(p.hint().contains("--format"), p.hint());
        // On the command line: exit 3, the problem on standard error.
        Cli cli = Cli.run("import", dir.resolve("notes.txt").toString());
        assertEquals(3, cli.exit());
        assertTrue(cli.err().contains("[results.format]"), cli.err());
    }

    @Test
    void aMalformedRowIsLocatedByLineAndAMalformedScoreByPointer() throws Exception {
        Problem row = only(importFails("counts.csv", "length,task,correct,total\n4096,passkey,50,50\n8192,passkey,60,50\n"), "results.malformed");
        assertEquals(3, row.line());
        String json = Files.readString(R.resolve("lm-eval/results_2026-11-30T09-12-44.123456.json")).replace("\"8192,none\": 0.9,", "\"8192,none\": 90,");
        Problem score = only(importFails("results.json", json), "results.malformed");
        assertEquals("/results/niah_single_1/8192,none", score.pointer());
        assertEquals(7, score.line()); // "8192,none" is on line 7 of the results file
    }

    @Test
    void anUnknownTaskIsRefusedWithAHintToTheTaskMap() throws Exception {
        Problem p = only(importFails("counts.csv", "length,task,correct,total\n4096,paskey,50,50\n8192,paskey,40,50\n"), "results.task");
        assertEquals(2, p.line());
        assertTrue(p.message().contains("'paskey'"), p.message());
        assertTrue(p.hint().contains("did you mean 'passkey"), p.hint());
        assertTrue(p.hint().contains("knowledge-base/eval-tasks.yaml"), p.hint());
    }

    @Test
    void resultsWithNothingToCompareAreRefused() throws Exception {
        only(importFails("empty.json", "{\"results\": {}, \"n-samples\": {}, \"configs\": {}}"), "results.nothing");
        // One length only and no baseline: nothing to compare a band with.
        Problem one = only(importFails("one.csv", "length,task,correct,total\n4096,passkey,50,50\n"), "results.nothing");
        assertTrue(one.hint().contains("--baseline"), one.hint());
    }

    @Test
    void filesPastTheBoundsAreRefusedWhileReading() throws Exception {
        Path rows = dir.resolve("rows.csv");
        StringBuilder text = new StringBuilder("length,task,correct,total\n");
        for (int i = 0; i < 50; i++) text.append("4096,passkey,1,1\n");
        Files.writeString(rows, text);
        ResultsLimits small = new ResultsLimits(1024, 1_000_000, 20, 1000);
        InvalidInputException tooMany = assertThrows(InvalidInputException.class,
                () -> new ResultsReader(small, 500, 10).read(rows, "rows.csv", null));
        assertEquals(21, only(tooMany, "results.too-large").line());
        InvalidInputException tooBig = assertThrows(InvalidInputException.class,
                () -> new ResultsReader(small, 500, 10).read(R.resolve("lm-eval/results_2026-11-30T09-12-44.123456.json"), "r.json", null));
        only(tooBig, "results.too-large");
        Path longLine = dir.resolve("long.jsonl");
        Files.writeString(longLine, "{\"length\": 4096, \"task\": \"passkey\", \"correct\": 1, \"total\": 1, \"pad\": \"" + "x".repeat(2000) + "\"}\n");
        InvalidInputException tooLong = assertThrows(InvalidInputException.class,
                () -> new ResultsReader(small, 500, 10).read(longLine, "long.jsonl", null));
        assertEquals(1, only(tooLong, "results.too-large").line());
    }

    @Test
    void anAbsolutePathIsNeverWrittenIntoTheSource() {
        assertEquals("fixtures/results/generic/passkey-counts.csv",
                EvalImport.displayName(Path.of("fixtures/results/generic/passkey-counts.csv").toAbsolutePath()));
        assertEquals("results.json", EvalImport.displayName(Path.of("/elsewhere/run-1/results.json")));
        assertEquals("run/results.json", EvalImport.displayName(Path.of("run/results.json")));
        assertNull(LmEvalSamples.taskOf("results.jsonl"));
        assertEquals("niah_single_2", LmEvalSamples.taskOf("samples_niah_single_2_2026-11-30T09-12-44.123456.jsonl"));
    }
}
