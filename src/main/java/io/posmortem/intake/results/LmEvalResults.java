package io.posmortem.intake.results;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.model.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * lm-evaluation-harness's results JSON ({@code results_<date>.json} from {@code --output_path}):
 * {@code results.<task>} maps {@code "<metric>,<filter>"} to a number ({@code "<metric>_stderr,<filter>"}
 * beside it), {@code n-samples.<task>.effective} is how many documents were scored,
 * {@code configs.<task>.metadata.max_seq_lengths} the lengths its RULER tasks were generated at
 * (their metrics are keyed by length: {@code "4096,none"}, -1 for a length without samples), and
 * {@code config.model_args} holds {@code max_length} for the other tasks. Groups
 * ({@code group_subtasks}) are skipped: their members are read.
 *
 * <p>RULER-style tasks give counts per length: successes = round(score x samples per length),
 * where samples per length are {@code n-samples} divided by the lengths scored (the harness
 * generates the same number per length). Other tasks give one number at {@code max_length}: an
 * accuracy ({@code acc}, {@code exact_match}) as counts over {@code n-samples}, a perplexity, or
 * else their first metric as a score.
 */
final class LmEvalResults {
    private LmEvalResults() {}

    private static final Pattern LENGTH_KEY = Pattern.compile("^(\\d{1,9}),(.+)$");
    private static final Pattern MAX_LENGTH = Pattern.compile("(?:^|,)\\s*max_length\\s*=\\s*(\\d{1,9})\\s*(?:,|$)");
    /** Accuracies read as counts, in order of preference. */
    private static final List<String> ACCURACIES = List.of("acc", "exact_match", "acc_norm", "em", "accuracy");
    /** Perplexities, in order of preference (word-level first, as wikitext reports it). */
    private static final List<String> PERPLEXITIES = List.of("word_perplexity", "perplexity", "byte_perplexity", "token_perplexity");

    static List<Measurement> read(ResultsInput input, int assumedSamples) throws InvalidInputException {
        LocatedDocument doc = input.document();
        JsonNode root = doc.root();
        List<Problem> problems = new ArrayList<>();
        if (!root.isObject() || !root.path("results").isObject()) {
            throw new InvalidInputException(List.of(doc.problem("results.malformed", root.isObject() ? "/results" : "",
                    "not an lm-evaluation-harness results file: no 'results' object", "{\"results\": {task: {metric: value}}, ...}",
                    "give the results_*.json that --output_path wrote, or another --format")));
        }
        Set<String> groups = new HashSet<>();
        root.path("group_subtasks").properties().forEach(e -> {
            if (e.getValue().isArray() && !e.getValue().isEmpty()) groups.add(e.getKey());
        });
        Integer maxLength = maxLength(root.path("config").path("model_args"));
        List<Measurement> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> task : root.path("results").properties()) {
            String name = task.getKey();
            if (groups.contains(name) || !task.getValue().isObject()) continue;
            String pointer = "/results/" + LocatedDocument.escape(name);
            JsonNode samples = root.path("n-samples").path(name);
            Integer total = samples.path("effective").isIntegralNumber() ? samples.path("effective").asInt()
                    : samples.path("original").isIntegralNumber() ? samples.path("original").asInt() : null;
            TreeMap<Integer, String> byLength = new TreeMap<>();
            for (Map.Entry<String, JsonNode> metric : task.getValue().properties()) {
                Matcher m = LENGTH_KEY.matcher(metric.getKey());
                if (!m.matches() || !metric.getValue().isNumber()) continue;
                double score = metric.getValue().asDouble();
                if (score == -1) continue; // the harness's mark for a length without samples
                Integer length = Numbers.length(m.group(1));
                if (length == null || score < 0 || score > 1) {
                    problems.add(doc.problem("results.malformed", pointer + "/" + LocatedDocument.escape(metric.getKey()),
                            "task " + name + ": '" + metric.getKey() + "' = " + metric.getValue() + " is not a score in [0, 1] at a length of 1 to "
                                    + Numbers.MAX_LENGTH + " tokens", "a share of samples right, 0 to 1", null));
                    continue;
                }
                byLength.put(length, metric.getKey());
            }
            if (!byLength.isEmpty()) {
                int lengths = byLength.size();
                int perLength = total != null && total >= lengths ? total / lengths : assumedSamples;
                String basis = total != null && total >= lengths
                        ? (lengths == 1 ? total + " samples (n-samples)" : "n-samples " + total + " over " + lengths + " lengths = " + perLength + " per length")
                                + "; successes = round(score x samples)"
                        : "samples per length not in the file: " + assumedSamples + " assumed (--samples); successes = round(score x samples)";
                for (Map.Entry<Integer, String> e : byLength.entrySet()) {
                    double score = task.getValue().path(e.getValue()).asDouble();
                    out.add(Measurement.counts(input.name(), name, e.getValue(), e.getKey(), null, Measurement.successesOf(score, perLength),
                            perLength, basis, pointer + "/" + LocatedDocument.escape(e.getValue())));
                }
                continue;
            }
            Measurement single = single(input, doc, name, pointer, task.getValue(), total, maxLength, assumedSamples, problems);
            if (single != null) out.add(single);
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return out;
    }

    /** A task scored once, at the run's max_length: an accuracy as counts, a perplexity, or its first metric as a score. */
    private static Measurement single(ResultsInput input, LocatedDocument doc, String name, String pointer, JsonNode metrics, Integer total,
                                      Integer maxLength, int assumedSamples, List<Problem> problems) {
        String key = pick(metrics, PERPLEXITIES);
        boolean accuracy = false;
        if (key == null) {
            key = pick(metrics, ACCURACIES);
            accuracy = key != null;
        }
        if (key == null) {
            for (Map.Entry<String, JsonNode> m : metrics.properties()) {
                if (m.getValue().isNumber() && m.getKey().contains(",") && !m.getKey().contains("_stderr")) {
                    key = m.getKey();
                    break;
                }
            }
        }
        if (key == null) return null;
        if (maxLength == null) {
            problems.add(doc.problem("results.malformed", "/config/model_args", "task " + name + " is scored at one length, and the file does not say which:"
                            + " config.model_args has no max_length", "model_args with max_length=N",
                    "run lm_eval with --model_args ...,max_length=N (the context length scored), one run per length"));
            return null;
        }
        double value = metrics.path(key).asDouble();
        String where = pointer + "/" + LocatedDocument.escape(key);
        if (accuracy) {
            if (value < 0 || value > 1) {
                problems.add(doc.problem("results.malformed", where, "task " + name + ": " + key + " = " + value + " is not in [0, 1]",
                        "an accuracy from 0 to 1", null));
                return null;
            }
            int trials = total != null && total > 0 ? total : assumedSamples;
            String basis = (total != null && total > 0 ? total + " samples (n-samples)" : assumedSamples + " samples assumed (--samples)")
                    + "; successes = round(" + key + " x samples)";
            return Measurement.counts(input.name(), name, key, maxLength, null, Measurement.successesOf(value, trials), trials, basis, where);
        }
        return Measurement.value(input.name(), name, key, maxLength, value, where);
    }

    private static String pick(JsonNode metrics, List<String> names) {
        for (String n : names) {
            for (Map.Entry<String, JsonNode> m : metrics.properties()) {
                if (m.getKey().startsWith(n + ",") && m.getValue().isNumber()) return m.getKey();
            }
        }
        return null;
    }

    /** {@code max_length} from model_args, given as "k=v,k=v" or as an object. */
    static Integer maxLength(JsonNode modelArgs) {
        if (modelArgs.isObject()) {
            JsonNode v = modelArgs.path("max_length");
            return v.isNumber() || v.isString() ? Numbers.length(v.asString()) : null;
        }
        if (!modelArgs.isString()) return null;
        Matcher m = MAX_LENGTH.matcher(modelArgs.asString());
        return m.find() ? Numbers.length(m.group(1)) : null;
    }
}
