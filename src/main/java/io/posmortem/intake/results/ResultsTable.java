package io.posmortem.intake.results;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.model.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The generic layout for every other harness, as CSV (a header row, then one row per result) or
 * JSON Lines (one object per line), with the columns {@code length, task, correct, total} (counts)
 * or {@code length, metric, value} (a metric; {@code task} optional, the metric's name when left
 * out). Column names are case-insensitive; {@code successes} and {@code trials} are accepted for
 * {@code correct} and {@code total}.
 */
final class ResultsTable {
    private ResultsTable() {}

    private static final Map<String, String> ALIASES = Map.of("successes", "correct", "trials", "total", "context_length", "length");

    static List<Measurement> read(ResultsInput input, boolean csv) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        List<Measurement> out = new ArrayList<>();
        List<String> header = new ArrayList<>();
        input.lines((number, text) -> {
            Map<String, String> row = new HashMap<>();
            if (csv) {
                List<String> cells = Csv.cells(text);
                if (cells == null) {
                    problems.add(input.problem("results.malformed", "", number, "line " + number + ": a quote is left open", "CSV cells", null));
                    return;
                }
                if (header.isEmpty()) {
                    for (String c : cells) header.add(column(c));
                    if (!header.contains("length")) {
                        problems.add(input.problem("results.malformed", "", number, "the header has no 'length' column: " + String.join(",", cells),
                                "a header row: length,task,correct,total or length,metric,value", null));
                    }
                    return;
                }
                for (int i = 0; i < cells.size() && i < header.size(); i++) row.put(header.get(i), cells.get(i));
            } else {
                JsonNode record = input.objectLine(number, text, problems);
                if (record == null) return;
                record.properties().forEach(e -> row.put(column(e.getKey()), e.getValue().isValueNode() ? e.getValue().asString() : null));
            }
            if (problems.size() > 100) return;
            Measurement m = measurement(input, row, number, problems);
            if (m != null) out.add(m);
        });
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return out;
    }

    private static String column(String name) {
        String c = name.strip().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(c, c);
    }

    private static Measurement measurement(ResultsInput input, Map<String, String> row, int number, List<Problem> problems) {
        String where = "line " + number;
        Integer length = Numbers.length(row.get("length"));
        if (length == null) {
            problems.add(input.problem("results.malformed", "/length", number, where + ": length '" + row.get("length") + "' is not a number of tokens",
                    "a whole number from 1 to " + Numbers.MAX_LENGTH, null));
            return null;
        }
        String task = row.get("task");
        if (row.containsKey("correct") || row.containsKey("total")) {
            Integer correct = Numbers.whole(row.get("correct"), 0, Numbers.MAX_COUNT);
            Integer total = Numbers.whole(row.get("total"), 1, Numbers.MAX_COUNT);
            if (correct == null || total == null || correct > total || task == null || task.isBlank()) {
                problems.add(input.problem("results.malformed", "", number, where + ": counts need a task, correct (0 to total) and total (1 to "
                        + Numbers.MAX_COUNT + ")", "task, correct <= total", null));
                return null;
            }
            return Measurement.counts(input.name(), task, "correct/total", length, null, correct, total, null, where);
        }
        if (row.containsKey("metric") || row.containsKey("value")) {
            String metric = row.get("metric");
            Double value = Numbers.finite(row.get("value"));
            if (metric == null || metric.isBlank() || value == null) {
                problems.add(input.problem("results.malformed", "", number, where + ": a metric row needs metric and a finite value",
                        "length, metric, value", null));
                return null;
            }
            return Measurement.value(input.name(), task == null || task.isBlank() ? metric : task, metric, length, value, where);
        }
        problems.add(input.problem("results.malformed", "", number, where + ": neither correct/total nor metric/value",
                "length,task,correct,total or length,metric,value", null));
        return null;
    }
}
