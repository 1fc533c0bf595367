package io.posmortem.model.knowledge;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of the task map ({@code knowledge-base/eval-tasks.yaml}): which eval tasks it covers,
 * the capability their results are evidence about, and how the results are read.
 *
 * @param id         the entry's id
 * @param patterns   task-name globs, case-insensitive ({@code *} any characters, {@code ?} one)
 * @param depth      {@code early} or {@code late} for a needle-grid entry, else null
 * @param capability a capability id
 * @param measure    {@code accuracy} (read as counts), or a metric: {@code perplexity}, {@code loss}, {@code score}
 * @param reasoning  why the results bear on that capability
 */
public record EvalTask(String id, List<String> patterns, String depth, String capability, String measure, String reasoning) implements java.io.Serializable {

    /** The measures that are metrics compared with a baseline value (the rest, {@code accuracy}, are counts). */
    public static final List<String> METRICS = List.of("perplexity", "loss", "score");

    public EvalTask {
        patterns = List.copyOf(patterns);
    }

    /** Whether results are counts (a share of samples right) rather than a metric. */
    public boolean counted() {
        return measure.equals("accuracy");
    }

    /**
     * Whether this entry covers {@code task} looked up at {@code depth} (null: not a needle grid).
     * An entry with a depth covers only lookups at that depth; one without covers any.
     */
    public boolean covers(String task, String depth) {
        if (this.depth != null && !this.depth.equals(depth)) return false;
        String name = task.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> glob(p).matcher(name).matches());
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '*') regex.append(".*");
            else if (c == '?') regex.append('.');
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
