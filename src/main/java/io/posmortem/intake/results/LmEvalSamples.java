package io.posmortem.intake.results;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * lm-evaluation-harness's per-sample log ({@code --log_samples}: {@code samples_<task>_<date>.jsonl},
 * one JSON object per document with {@code doc_id}, {@code doc}, {@code resps}, ... and the
 * document's metrics). Its RULER tasks score each document under the key of its length
 * ({@code "8192": 1.0}) and put -1 under every other length, so every document is one exact trial
 * at its length. A document counts as a success when its score is 1 (every expected string
 * found); partial credit (a multi-value needle half found) is a miss. The task is the file name's
 * {@code <task>} part; the harness does not repeat it in the records.
 */
final class LmEvalSamples {
    private LmEvalSamples() {}

    private static final Pattern FILE = Pattern.compile("^samples_(.+?)(?:_\\d{4}-\\d{2}-\\d{2}T[0-9_:.\\-]+)?\\.jsonl?$");
    private static final Pattern LENGTH = Pattern.compile("^\\d{1,9}$");

    /** The task a samples file is about, from its name, or null. */
    static String taskOf(String fileName) {
        Matcher m = FILE.matcher(Path.of(fileName).getFileName().toString());
        return m.matches() ? m.group(1) : null;
    }

    static List<Measurement> read(ResultsInput input) throws InvalidInputException {
        String task = taskOf(input.name());
        if (task == null) {
            throw input.fail("results.task", "", 0, "cannot tell the task of " + Path.of(input.name()).getFileName()
                            + ": lm-eval names its per-sample logs samples_<task>_<date>.jsonl",
                    "a file named samples_<task>_<date>.jsonl", "keep the name lm-eval gave the file (or rename it samples_<task>.jsonl)");
        }
        TreeMap<Integer, int[]> counts = new TreeMap<>();
        Map<Integer, String> firstLine = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        input.lines((number, text) -> {
            JsonNode record = input.objectLine(number, text, problems);
            if (record == null) return;
            Integer length = null;
            double score = -1;
            for (Map.Entry<String, JsonNode> field : record.properties()) {
                if (!LENGTH.matcher(field.getKey()).matches() || !field.getValue().isNumber()) continue;
                double v = field.getValue().asDouble();
                if (v == -1) continue;
                Integer l = Numbers.length(field.getKey());
                if (l == null || v < 0 || v > 1 || length != null) {
                    problems.add(input.problem("results.malformed", "/" + field.getKey(), number, "line " + number + ": '" + field.getKey() + "': "
                            + v + " is not one score in [0, 1] at one length", "a score from 0 to 1 under the document's length, -1 under the others", null));
                    return;
                }
                length = l;
                score = v;
            }
            if (length == null) return;
            int[] c = counts.computeIfAbsent(length, k -> new int[2]);
            if (score >= 1) c[0]++;
            c[1]++;
            firstLine.putIfAbsent(length, "line " + number);
        });
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        List<Measurement> out = new ArrayList<>();
        for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
            out.add(Measurement.counts(input.name(), task, String.valueOf(e.getKey()), e.getKey(), null, e.getValue()[0], e.getValue()[1],
                    null, firstLine.get(e.getKey())));
        }
        return out;
    }
}
