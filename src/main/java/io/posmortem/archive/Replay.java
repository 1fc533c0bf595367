package io.posmortem.archive;

import io.posmortem.engine.ProductVersion;
import io.posmortem.engine.Triage;
import io.posmortem.inference.InferenceException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.model.Tri;
import io.posmortem.model.input.BuildExpectation;
import io.posmortem.report.IncidentScore;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.Report;
import io.posmortem.report.TraceDiff;
import io.posmortem.report.TraceDocument;
import io.posmortem.report.TraceDocuments;
import io.posmortem.run.TriageRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Triages archived incidents again with another rule pack or knowledge base and says, per build,
 * what changed: the conclusion (as {@code explain --diff} compares two traces: verdict, leading
 * hypothesis and its confidence) and the first recommended fix; and for confirmed builds, whether
 * the verdict was right, abstained or wrong before and after (scored as fixtures' incidents are,
 * {@link IncidentScore}).
 *
 * <p>Each incident is replayed from the archive's copy of its input and model config, written to
 * a private temporary directory (the config at its place relative to the input, so a
 * {@code model.config} resolves as it did). Inputs run in parallel on {@code jobs} threads with
 * at most {@code 4 x jobs} incidents in flight, handed to the listener in archive order (newest
 * first), so memory stays bounded whatever the archive's size.
 */
public final class Replay {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IncidentArchive archive;
    private final Triage triage;
    private final int jobs;

    public Replay(IncidentArchive archive, Triage triage, int jobs) {
        this.archive = archive;
        this.triage = triage;
        this.jobs = jobs > 0 ? jobs : Runtime.getRuntime().availableProcessors();
    }

    /**
     * One build before and after.
     *
     * @param confirmedCause the confirmed cause, or null when the build has none
     * @param scoreBefore    right/abstained/wrong of the archived verdict (null without a confirmation)
     * @param scoreAfter     the same with the new pack
     * @param changed        the conclusion (verdict, hypothesis, confidence) or the first fix differs
     */
    public record BuildChange(String build, BuildVerdict before, BuildVerdict after, String conclusionBefore, String conclusionAfter,
            String confirmedCause, IncidentScore.Result scoreBefore, IncidentScore.Result scoreAfter, boolean changed) {

        /** A confirmed build the archived verdict got right and the new pack gets wrong. */
        public boolean regression() {
            return scoreBefore == IncidentScore.Result.RIGHT && scoreAfter == IncidentScore.Result.WRONG;
        }
    }

    /**
     * One incident replayed.
     *
     * @param problem why it could not be triaged again (the input is invalid for the new knowledge
     *                base, the rules could not finish), or null
     * @param trace   the new trace as JSON (pretty), for {@code explain --diff} beside the stored one; null on a problem
     */
    public record IncidentReplay(long id, String input, List<BuildChange> builds, String problem, String storedTrace, String trace) {
        public boolean changed() {
            return problem != null || builds.stream().anyMatch(BuildChange::changed);
        }
    }

    /** Right/abstained/wrong counts over confirmed builds. */
    public record Tally(int right, int abstained, int wrong) {
        Tally plus(IncidentScore.Result r) {
            if (r == null) return this;
            return switch (r) {
                case RIGHT -> new Tally(right + 1, abstained, wrong);
                case ABSTAINED -> new Tally(right, abstained + 1, wrong);
                case WRONG -> new Tally(right, abstained, wrong + 1);
            };
        }
    }

    /** The whole replay: incidents, those that changed or failed, the tallies before and after, regressions. */
    public record Summary(int incidents, int changed, int failed, Tally before, Tally after, int regressions, double seconds) {}

    /** Replays the incidents {@code filter} selects, handing each to {@code listener} in archive order. */
    public Summary run(HistoryFilter filter, Consumer<IncidentReplay> listener) throws ArchiveException, InterruptedException {
        long started = System.nanoTime();
        List<Long> ids = archive.ids(filter);
        int window = 4 * jobs;
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "posmortem-replay");
            t.setDaemon(true);
            return t;
        });
        int changed = 0;
        int failed = 0;
        int regressions = 0;
        Tally before = new Tally(0, 0, 0);
        Tally after = new Tally(0, 0, 0);
        List<Future<IncidentReplay>> results = new ArrayList<>();
        try {
            for (int i = 0; i < Math.min(window, ids.size()); i++) results.add(submit(pool, ids.get(i)));
            for (int i = 0; i < ids.size(); i++) {
                if (i + window < ids.size()) results.add(submit(pool, ids.get(i + window)));
                IncidentReplay r;
                try {
                    r = results.get(i).get();
                    results.set(i, null);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof ArchiveException a) throw a;
                    r = new IncidentReplay(ids.get(i), "", List.of(), "internal error: " + e.getCause(), null, null);
                }
                if (r.problem() != null) failed++;
                if (r.changed()) changed++;
                for (BuildChange b : r.builds()) {
                    before = before.plus(b.scoreBefore());
                    after = after.plus(b.scoreAfter());
                    if (b.regression()) regressions++;
                }
                listener.accept(r);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Summary(ids.size(), changed, failed, before, after, regressions, (System.nanoTime() - started) / 1e9);
    }

    private Future<IncidentReplay> submit(ExecutorService pool, long id) {
        return pool.submit(() -> replay(archive.get(id)));
    }

    /** Triages one stored incident again and compares. */
    IncidentReplay replay(StoredIncident stored) {
        IncidentSummary s = stored.summary();
        Report oldReport;
        try {
            oldReport = StoredReports.read(stored.reportJson(), s.id());
        } catch (ArchiveException e) {
            return new IncidentReplay(s.id(), s.input(), List.of(), e.getMessage(), stored.traceJson(), null);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("posmortem-replay-");
            Path input = dir.resolve(fileName(s.input()));
            Files.write(input, stored.input());
            Path config = null;
            if (stored.modelConfig() != null) {
                config = stored.modelConfigPath() == null ? null : dir.resolve(stored.modelConfigPath()).normalize();
                if (config == null || !config.startsWith(dir) || config.equals(input)) config = dir.resolve("model-config.json");
                Files.createDirectories(config.getParent());
                Files.write(config, stored.modelConfig());
            }
            TriageRun run = triage.run(input, config, stored.whatIf(), false);
            Report newReport = triage.report(run);
            TraceDocument doc = TraceDocuments.of(run, triage.rules().fingerprint(), triage.knowledge().fingerprint(), ProductVersion.VALUE);
            String trace = JsonRenderer.prettyValue(doc);
            return new IncidentReplay(s.id(), s.input(), compare(s, oldReport, newReport, stored.traceJson(), trace), null, stored.traceJson(), trace);
        } catch (InvalidInputException | InferenceException e) {
            return new IncidentReplay(s.id(), s.input(), List.of(), e.getMessage(), stored.traceJson(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) delete(dir);
        }
    }

    private static List<BuildChange> compare(IncidentSummary s, Report oldReport, Report newReport, String oldTrace, String newTrace) {
        TraceDiff diff = TraceDiff.of("archived", JSON.readTree(oldTrace), "replayed", JSON.readTree(newTrace));
        List<BuildVerdict> after = IncidentArchive.verdicts(newReport);
        List<BuildChange> out = new ArrayList<>();
        for (BuildVerdict b : s.verdicts()) {
            BuildVerdict a = after.stream().filter(x -> x.build().equals(b.build())).findFirst().orElse(null);
            Confirmation c = s.confirmations().stream().filter(x -> x.build().equals(b.build())).findFirst().orElse(null);
            TraceDiff.BuildDiff d = diff.builds().stream().filter(x -> x.build().equals(b.build())).findFirst().orElse(null);
            String conclusionBefore = d == null ? "none" : d.conclusionA();
            String conclusionAfter = d == null ? "none" : d.conclusionB();
            boolean changed = a == null || !conclusionBefore.equals(conclusionAfter) || !java.util.Objects.equals(b.fix(), a.fix());
            IncidentScore.Result scoreBefore = null;
            IncidentScore.Result scoreAfter = null;
            if (c != null) {
                List<BuildExpectation> expect = List.of(expectation(c));
                scoreBefore = IncidentScore.of(oldReport, expect).get(0).result();
                scoreAfter = IncidentScore.of(newReport, expect).get(0).result();
            }
            out.add(new BuildChange(b.build(), b, a, conclusionBefore, conclusionAfter, c == null ? null : c.cause(), scoreBefore, scoreAfter,
                    changed));
        }
        return out;
    }

    /** A confirmation as the expectation a fixture incident states (scored only by its confirmed cause). */
    static BuildExpectation expectation(Confirmation c) {
        return new BuildExpectation(c.build(), null, null, List.of(), List.of(), List.of(), null, List.of(), List.of(), List.of(), List.of(),
                Tri.UNKNOWN, c.cause(), c.alsoRight());
    }

    /** The last name of the input's path, or a neutral name when it has none a file can take. */
    private static String fileName(String input) {
        String name = input.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "input.yaml" : name;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary directory left behind is removed by the system's cleaning of its temp folder
        }
    }
}
