package io.posmortem.intake.results;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.model.Numbers;
import io.posmortem.model.Problem;
import io.posmortem.model.Spelling;
import io.posmortem.model.input.ObservationSource;
import io.posmortem.model.knowledge.EvalTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measurements -> observations, one per task (and needle depth class) and context length: each
 * task's capability comes from the task map, and each band is compared with a baseline so the
 * count statistics (Fisher's exact test) or the metric comparison apply.
 *
 * <p>With a baseline run (the original model, the previous build), a band is compared with the
 * baseline's result for the same task, depth class and length; a band the baseline lacks is left
 * out (and said so). Without one, each task's shortest length in the run is its baseline: the
 * longer bands are compared with it, and the shortest band itself gives no observation.
 */
public final class BandImport {
    private BandImport() {}

    /** What an import produced: the observations, notes for the engineer, and the longest length seen. */
    public record Result(List<ImportedObservation> observations, List<String> notes, int longest) {}

    private record Key(String task, String depth) {
        String label() {
            return depth == null ? task : task + " (" + depth + " needles)";
        }
    }

    public static Result of(List<Measurement> run, List<Measurement> baseline, List<EvalTask> tasks) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        Map<Key, EvalTask> mapped = new LinkedHashMap<>();
        for (Measurement m : run) {
            Key key = new Key(m.task(), m.depth());
            if (mapped.containsKey(key) || unknown.contains(m.task())) continue;
            EvalTask entry = tasks.stream().filter(t -> t.covers(m.task(), m.depth())).findFirst().orElse(null);
            if (entry == null) {
                unknown.add(m.task());
                problems.add(unknownTask(m, tasks));
            } else {
                mapped.put(key, entry);
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Map<Key, TreeMap<Integer, Measurement>> runs = grouped(run);
        Map<Key, TreeMap<Integer, Measurement>> bases = baseline == null ? null : grouped(baseline);
        List<ImportedObservation> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        int longest = 0;
        for (Map.Entry<Key, TreeMap<Integer, Measurement>> group : runs.entrySet()) {
            Key key = group.getKey();
            EvalTask entry = mapped.get(key);
            TreeMap<Integer, Measurement> byLength = group.getValue();
            longest = Math.max(longest, byLength.lastKey());
            if (bases == null && byLength.size() < 2) {
                notes.add(key.label() + ": scored at one length only (" + Numbers.format(byLength.firstKey())
                        + " tokens) and no --baseline: nothing to compare it with, left out");
                continue;
            }
            TreeMap<Integer, Measurement> base = bases == null ? null : bases.get(key);
            for (Map.Entry<Integer, Measurement> band : byLength.entrySet()) {
                Measurement m = band.getValue();
                Measurement ref;
                String against;
                if (bases == null) {
                    if (band.getKey().equals(byLength.firstKey())) continue;
                    ref = byLength.firstEntry().getValue();
                    against = "baseline: the same run at " + Numbers.format(byLength.firstKey()) + " tokens (no --baseline given)";
                } else {
                    ref = base == null ? null : base.get(band.getKey());
                    if (ref == null) {
                        notes.add(key.label() + " at " + Numbers.format(band.getKey()) + " tokens: the baseline has no result there, left out");
                        continue;
                    }
                    against = "baseline: " + ref.file() + " at the same length";
                }
                if (m.counted() != ref.counted()) {
                    notes.add(key.label() + " at " + Numbers.format(band.getKey()) + " tokens: the baseline's result is not the same kind (counts against a metric), left out");
                    continue;
                }
                String id = uniqueId(key, band.getKey(), ids);
                String basis = m.basis() == null ? "" : m.basis() + "; ";
                String workload = key.depth() == null ? key.task() : key.task() + ", " + key.depth() + " needles";
                ObservationSource source = new ObservationSource(m.file(), m.task(), m.metric());
                if (m.counted()) {
                    out.add(new ImportedObservation(id, workload, entry.capability(), band.getKey(), m.successes(), m.trials(), ref.successes(),
                            ref.trials(), null, null, null, basis + against, source));
                } else {
                    String metric = entry.counted() ? "accuracy" : entry.measure();
                    out.add(new ImportedObservation(id, workload, entry.capability(), band.getKey(), null, null, null, null, metric, m.value(),
                            ref.value(), basis + against, source));
                }
            }
        }
        if (out.isEmpty()) {
            Measurement first = run.get(0);
            throw new InvalidInputException(List.of(new Problem("results.nothing", first.file(), "", 0, 0,
                    "nothing to compare: " + (baseline == null ? "every task was scored at one length only"
                            : "the baseline has no result for any task and length of the run"),
                    "a task scored at two or more lengths, or a --baseline with the same tasks and lengths",
                    baseline == null ? "give --baseline with the original model's results" : "run the baseline at the same tasks and lengths")));
        }
        return new Result(List.copyOf(out), List.copyOf(notes), longest);
    }

    /** Measurements by task and depth class, then by length (counts at one length added up; a metric's first value kept). */
    private static Map<Key, TreeMap<Integer, Measurement>> grouped(List<Measurement> measurements) {
        Map<Key, TreeMap<Integer, Measurement>> out = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            TreeMap<Integer, Measurement> byLength = out.computeIfAbsent(new Key(m.task(), m.depth()), k -> new TreeMap<>());
            Measurement earlier = byLength.get(m.length());
            if (earlier == null) {
                byLength.put(m.length(), m);
            } else if (earlier.counted() && m.counted()) {
                long s = (long) earlier.successes() + m.successes();
                long t = (long) earlier.trials() + m.trials();
                if (t <= io.posmortem.intake.results.Numbers.MAX_COUNT) {
                    byLength.put(m.length(), new Measurement(earlier.file(), earlier.task(), earlier.metric(), earlier.length(), earlier.depth(),
                            (int) s, (int) t, null, earlier.basis(), earlier.where()));
                }
            }
        }
        return out;
    }

    private static String uniqueId(Key key, int length, Set<String> ids) {
        String base = (key.task() + (key.depth() == null ? "" : "-" + key.depth())).replaceAll("[^A-Za-z0-9._-]", "-");
        if (!Character.isLetterOrDigit(base.charAt(0))) base = "t" + base;
        String suffix = "-" + length;
        base = base.substring(0, Math.min(base.length(), 64 - suffix.length() - 4));
        String id = base + suffix;
        for (int i = 2; !ids.add(id); i++) id = base + suffix + "-" + i;
        return id;
    }

    private static Problem unknownTask(Measurement m, List<EvalTask> tasks) {
        // The patterns without their wildcards: "passkey*" suggests "passkey" for "paskey".
        List<String> names = tasks.stream().flatMap(t -> t.patterns().stream()).map(p -> p.replace("*", "").replace("?", ""))
                .filter(p -> !p.isEmpty()).distinct().toList();
        String near = Spelling.closest(m.task(), names).map(s -> "did you mean '" + s + "'? Otherwise a").orElse("A");
        int line = m.where().startsWith("line ") ? Integer.parseInt(m.where().substring(5)) : 0;
        String pointer = m.where().startsWith("/") ? m.where() : "";
        return new Problem("results.task", m.file(), pointer, line, 0,
                "unknown task '" + m.task() + "': the task map does not say which capability it measures",
                "a task covered by knowledge-base/eval-tasks.yaml",
                near + "dd an entry for it to knowledge-base/eval-tasks.yaml (match, capability, measure, reasoning)");
    }
}
