package io.posmortem.intake.results;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NVIDIA RULER's {@code summary.csv}, written by {@code scripts/eval/evaluate.py} into each length's
 * prediction directory ({@code <root>/<model>/<benchmark>/<length>/pred/summary.csv}): a pandas
 * header row of column numbers, then the rows {@code Tasks} (task names), {@code Score} (percent,
 * the mean of per-sample string-match scores) and {@code Nulls} ({@code empty/samples}). The
 * length is the number among the file's directory names (RULER does not write it into the file);
 * the samples are the {@code Nulls} denominator, else assumed (RULER's default is 500) and said so.
 * successes = round(score / 100 x samples).
 */
final class RulerSummary {
    private RulerSummary() {}

    static List<Measurement> read(ResultsInput input, int assumedSamples) throws InvalidInputException {
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        input.lines((number, text) -> {
            List<String> cells = Csv.cells(text);
            if (cells == null) {
                problems.add(input.problem("results.malformed", "", number, "line " + number + ": a quote is left open", "CSV cells", null));
                return;
            }
            rows.add(cells);
            lines.add(number);
        });
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        int tasksRow = find(rows, "Tasks");
        int scoreRow = find(rows, "Score");
        int nullsRow = find(rows, "Nulls");
        if (tasksRow < 0 || scoreRow < 0) {
            throw input.fail("results.malformed", "", 0, "not a RULER summary: no 'Tasks' and 'Score' rows",
                    "rows Tasks, Score (and Nulls) as RULER's evaluate.py writes them", "give RULER's summary.csv, or another --format");
        }
        Integer length = lengthOf(input.path().toString());
        if (length == null) {
            throw input.fail("results.malformed", "", 0, "cannot tell the context length of " + input.name()
                            + ": RULER writes it only into the directory name (<length>/pred/summary.csv)",
                    "a path with the length as a directory, e.g. 32768/pred/summary.csv",
                    "import the file from where RULER wrote it, or convert it to the generic CSV (length,task,correct,total)");
        }
        List<String> tasks = rows.get(tasksRow);
        List<String> scores = rows.get(scoreRow);
        List<String> nulls = nullsRow >= 0 ? rows.get(nullsRow) : List.of();
        List<Measurement> out = new ArrayList<>();
        for (int i = 1; i < tasks.size(); i++) {
            String task = tasks.get(i);
            if (task.isEmpty()) continue;
            Double score = i < scores.size() ? Numbers.finite(scores.get(i)) : null;
            if (score == null || score < 0 || score > 100) {
                problems.add(input.problem("results.malformed", "", lines.get(scoreRow), "line " + lines.get(scoreRow) + ", column " + (i + 1)
                        + " (" + task + "): '" + (i < scores.size() ? scores.get(i) : "") + "' is not a score in percent", "0 to 100", null));
                continue;
            }
            Integer samples = null;
            if (i < nulls.size()) {
                String[] parts = nulls.get(i).split("/");
                if (parts.length == 2) samples = Numbers.whole(parts[1], 1, Numbers.MAX_COUNT);
            }
            String basis = samples != null ? samples + " samples (Nulls row); successes = round(score / 100 x samples)"
                    : assumedSamples + " samples assumed (no Nulls row; RULER's default is 500; --samples); successes = round(score / 100 x samples)";
            int trials = samples != null ? samples : assumedSamples;
            out.add(Measurement.counts(input.name(), task, "Score", length, null, Measurement.successesOf(score / 100, trials), trials, basis,
                    "line " + lines.get(scoreRow)));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return out;
    }

    private static int find(List<List<String>> rows, String first) {
        for (int i = 0; i < rows.size(); i++) if (!rows.get(i).isEmpty() && rows.get(i).get(0).equals(first)) return i;
        return -1;
    }

    /** The context length a RULER path names: the last directory name that is a whole number of tokens. */
    static Integer lengthOf(String name) {
        Path parent = Path.of(name).getParent();
        Integer found = null;
        if (parent == null) return null;
        for (Path part : parent) {
            Integer l = part.toString().matches("\\d{1,9}") ? Numbers.length(part.toString()) : null;
            if (l != null) found = l;
        }
        return found;
    }
}
