package io.posmortem.intake.results;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.model.Problem;
import io.posmortem.model.knowledge.EvalTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One import: the run's results files and, optionally, the baseline's, read (each in the given
 * format or detected), every problem of every file collected in one pass, then turned into
 * observations per band by {@link BandImport}.
 *
 * @param tasks          the task map
 * @param earlyDepth     needle depth (percent) up to which a needle is early
 * @param assumedSamples samples per task and length when a file does not say
 */
public record EvalImport(List<EvalTask> tasks, double earlyDepth, int assumedSamples, ResultsLimits limits) {

    /** Imports {@code run} against {@code baseline} (empty: each task's shortest length is its baseline). */
    public BandImport.Result of(List<Path> run, List<Path> baseline, ResultsFormat format) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        List<Measurement> measured = read(run, format, problems);
        List<Measurement> base = baseline.isEmpty() ? null : read(baseline, format, problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return BandImport.of(measured, base, tasks);
    }

    private List<Measurement> read(List<Path> files, ResultsFormat format, List<Problem> problems) {
        ResultsReader reader = new ResultsReader(limits, assumedSamples, earlyDepth);
        List<Measurement> out = new ArrayList<>();
        for (Path file : files) {
            try {
                out.addAll(reader.read(file, displayName(file), format));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        return out;
    }

    /**
     * The name a results file is reported by: as given when relative; an absolute path inside the
     * working directory relative to it; any other absolute path by its file name alone (a report
     * and a symptom file never carry a machine's absolute paths).
     */
    public static String displayName(Path file) {
        if (!file.isAbsolute()) return file.toString();
        Path here = Path.of("").toAbsolutePath();
        Path normal = file.normalize();
        if (normal.startsWith(here)) return here.relativize(normal).toString();
        Path name = normal.getFileName();
        return name == null ? "results" : name.toString();
    }
}
