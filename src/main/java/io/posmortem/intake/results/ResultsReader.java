package io.posmortem.intake.results;

import io.posmortem.intake.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads one results file in a given format, or detects the format by content (never by the
 * extension alone): an object with {@code results} and {@code n-samples} or {@code configs} is
 * lm-eval's results JSON; JSON Lines whose first record has {@code doc_id} and {@code resps} are its
 * per-sample log; records with {@code context_length} and {@code depth_percent} are a needle grid;
 * CSV whose first column holds {@code Tasks} and {@code Score} rows is RULER's summary; a CSV header
 * or JSON Lines with {@code length} is the generic table.
 */
public final class ResultsReader {

    private final ResultsLimits limits;
    private final int assumedSamples;
    private final double earlyDepth;

    /**
     * @param assumedSamples samples per task and length when a file does not say (RULER's default, 500)
     * @param earlyDepth     needle depth (percent) up to which a needle is early (the task map's)
     */
    public ResultsReader(ResultsLimits limits, int assumedSamples, double earlyDepth) {
        this.limits = limits;
        this.assumedSamples = assumedSamples;
        this.earlyDepth = earlyDepth;
    }

    /** The measurements of {@code path} (reported as {@code name}); {@code format} null detects it. */
    public List<Measurement> read(Path path, String name, ResultsFormat format) throws InvalidInputException {
        ResultsInput input = new ResultsInput(path, name, limits);
        ResultsFormat f = format != null ? format : detect(input);
        List<Measurement> out = switch (f) {
            case LM_EVAL -> LmEvalResults.read(input, assumedSamples);
            case LM_EVAL_SAMPLES -> LmEvalSamples.read(input);
            case RULER -> RulerSummary.read(input, assumedSamples);
            case NEEDLE -> NeedleGrid.read(input, earlyDepth);
            case CSV -> ResultsTable.read(input, true);
            case JSONL -> ResultsTable.read(input, false);
        };
        if (out.isEmpty()) {
            throw input.fail("results.nothing", "", 0, "no usable results in this " + f.wire() + " file",
                    "at least one task scored at a context length",
                    f == ResultsFormat.LM_EVAL_SAMPLES ? "per-sample logs are read for tasks scored per length (RULER's); import the results JSON for the others"
                            : "check that the run finished and scored its tasks");
        }
        return out;
    }

    /** The format of a file, from its first 64 KiB. */
    public ResultsFormat detect(Path path, String name) throws InvalidInputException {
        return detect(new ResultsInput(path, name, limits));
    }

    private static ResultsFormat detect(ResultsInput input) throws InvalidInputException {
        String head = input.head(65536);
        String text = head.stripLeading();
        String first = text.lines().findFirst().orElse("");
        if (text.startsWith("{") || text.startsWith("[")) {
            if (text.startsWith("{") && head.contains("\"results\"") && (head.contains("\"n-samples\"") || head.contains("\"configs\"")
                    || head.contains("\"versions\""))) {
                return ResultsFormat.LM_EVAL;
            }
            if (first.contains("\"doc_id\"") && (first.contains("\"resps\"") || first.contains("\"filtered_resps\""))) {
                return ResultsFormat.LM_EVAL_SAMPLES;
            }
            if (head.contains("\"context_length\"") && head.contains("\"depth_percent\"")) return ResultsFormat.NEEDLE;
            if (text.startsWith("{") && first.toLowerCase(Locale.ROOT).contains("\"length\"")) return ResultsFormat.JSONL;
            if (head.contains("\"results\"")) return ResultsFormat.LM_EVAL;
        } else {
            boolean ruler = text.lines().limit(10).anyMatch(l -> l.startsWith("Tasks,")) && text.lines().limit(10).anyMatch(l -> l.startsWith("Score,"));
            if (ruler) return ResultsFormat.RULER;
            List<String> header = Csv.cells(first);
            if (header != null && header.stream().anyMatch(c -> c.equalsIgnoreCase("length") || c.equalsIgnoreCase("context_length"))) {
                return ResultsFormat.CSV;
            }
        }
        throw input.fail("results.format", "", 1, "cannot tell what kind of results file this is",
                "one of: " + String.join(", ", ResultsFormat.wireNames()),
                "give --format; the generic CSV needs a header with length,task,correct,total or length,metric,value");
    }
}
