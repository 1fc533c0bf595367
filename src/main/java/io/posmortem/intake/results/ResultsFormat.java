package io.posmortem.intake.results;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The eval-results layouts {@code posmortem import} reads; wire names are the {@code --format} values. */
public enum ResultsFormat {
    /** lm-evaluation-harness {@code results_*.json}: {@code results} per task, {@code n-samples}, {@code configs}. */
    LM_EVAL("lm-eval"),
    /** lm-evaluation-harness {@code --log_samples} {@code samples_<task>_<date>.jsonl}: one record per document. */
    LM_EVAL_SAMPLES("lm-eval-samples"),
    /** NVIDIA RULER {@code summary.csv}: rows Tasks, Score (percent), Nulls (nulls/samples), one file per length. */
    RULER("ruler"),
    /** A needle-in-a-haystack grid: records with context_length, depth_percent and score. */
    NEEDLE("needle"),
    /** A generic CSV: length,task,correct,total or length,metric,value (optional task). */
    CSV("csv"),
    /** The same columns as JSON Lines, one object per line. */
    JSONL("jsonl");

    private final String wire;

    ResultsFormat(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The format of a wire name, or null. */
    public static ResultsFormat of(String wire) {
        String w = wire.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.wire.equals(w)).findFirst().orElse(null);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ResultsFormat::wire).toList();
    }
}
