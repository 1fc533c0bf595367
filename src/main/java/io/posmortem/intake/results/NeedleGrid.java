package io.posmortem.intake.results;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A needle-in-a-haystack grid: one record per test with {@code context_length}, {@code depth_percent}
 * and {@code score} (gkamradt's LLMTest_NeedleInAHaystack saves one such JSON object per test; many
 * forks write them as a JSON array or as JSON Lines). Scores come on the scale of their grader: 1-10
 * (gkamradt's rubric, 10 = the needle exactly), 0-100 or 0-1; the scale is the smallest of those
 * holding every score, and a test succeeds at the top of its scale. Tests are counted per length and
 * depth class: early (depth at most the task map's {@code needle_early_depth_percent}) or late.
 */
final class NeedleGrid {
    private NeedleGrid() {}

    static final String TASK = "needle";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Test(int length, double depth, double score, String where) {}

    static List<Measurement> read(ResultsInput input, double earlyDepth) throws InvalidInputException {
        List<Test> tests = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String head = input.head(4096).stripLeading();
        if (head.startsWith("[") || (head.startsWith("{") && !jsonLines(input))) {
            LocatedDocument doc = input.document();
            JsonNode root = doc.root();
            if (root.isArray()) {
                for (int i = 0; i < root.size(); i++) test(root.get(i), "/" + i, doc.locate("/" + i).line(), input, tests, problems);
            } else {
                test(root, "", doc.locate("").line(), input, tests, problems);
            }
        } else {
            input.lines((number, text) -> {
                try {
                    test(JSON.readTree(text), "", number, input, tests, problems);
                } catch (JacksonException e) {
                    problems.add(input.problem("results.malformed", "", number, "line " + number + " is not JSON: " + e.getOriginalMessage(),
                            "one JSON object per line", null));
                }
            });
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        double top = tests.stream().mapToDouble(Test::score).max().orElse(0) <= 1 ? 1
                : tests.stream().mapToDouble(Test::score).max().orElse(0) <= 10 ? 10 : 100;
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, String> where = new TreeMap<>();
        for (Test t : tests) {
            String depth = t.depth() <= earlyDepth ? "early" : "late";
            String key = String.format("%09d/%s", t.length(), depth);
            int[] c = counts.computeIfAbsent(key, k -> new int[2]);
            if (t.score() >= top) c[0]++;
            c[1]++;
            where.putIfAbsent(key, t.where());
        }
        List<Measurement> out = new ArrayList<>();
        String basis = "a test succeeds at the top of its score scale (" + (int) top + "); early = depth at most "
                + io.posmortem.model.Numbers.format(earlyDepth) + "%";
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            String[] parts = e.getKey().split("/");
            out.add(Measurement.counts(input.name(), TASK, "score", Integer.parseInt(parts[0]), parts[1], e.getValue()[0], e.getValue()[1],
                    basis, where.get(e.getKey())));
        }
        return out;
    }

    /** Whether a file starting with '{' holds one object per line (JSON Lines) rather than one object. */
    private static boolean jsonLines(ResultsInput input) throws InvalidInputException {
        String head = input.head(65536);
        int newline = head.indexOf('\n');
        if (newline < 0) return false;
        try {
            return JSON.readTree(head.substring(0, newline)).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static void test(JsonNode record, String pointer, int line, ResultsInput input, List<Test> tests, List<Problem> problems) {
        String at = line > 0 ? "line " + line : pointer;
        Integer length = record.path("context_length").isNumber() ? Numbers.length(record.path("context_length").asString()) : null;
        JsonNode depthNode = record.path("depth_percent");
        Double depth = depthNode.isNumber() ? depthNode.asDouble() : null;
        JsonNode scoreNode = record.path("score");
        Double score = scoreNode.isNumber() ? scoreNode.asDouble() : null;
        if (!record.isObject() || length == null || depth == null || depth < 0 || depth > 100 || score == null || score < 0 || score > 100) {
            problems.add(input.problem("results.malformed", pointer, line, at + ": a needle test needs context_length (1 to "
                            + Numbers.MAX_LENGTH + " tokens), depth_percent (0 to 100) and score (0 to 100)",
                    "{\"context_length\": 8000, \"depth_percent\": 10.0, \"score\": 10, ...}", null));
            return;
        }
        tests.add(new Test(length, depth, score, at));
    }
}
