package io.posmortem.archive;

import io.posmortem.report.ReportDetail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.engine.BatchInput;
import io.posmortem.engine.BatchOptions;
import io.posmortem.engine.BatchTriage;
import io.posmortem.engine.ProductVersion;
import io.posmortem.engine.ReportFormat;
import io.posmortem.engine.Triage;
import io.posmortem.intake.ExpectationReader;
import io.posmortem.model.input.BuildExpectation;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.Report;
import io.posmortem.report.TraceDiff;
import io.posmortem.report.TraceDocuments;
import io.posmortem.run.TriageRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replay of the fixtures' real incidents, archived with their maintainers' confirmed causes,
 * against a copy of the pack with one rule removed. The oracle is independent of the replay: each
 * incident's fixture file triaged with the reduced pack, its trace compared with the archived one
 * by {@code explain --diff}'s {@link TraceDiff}, and its first fix compared with the archived one.
 */
class ReplayTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void replayListsExactlyTheIncidentsWhoseConclusionsDependedOnTheRemovedRule() throws Exception {
        Triage full = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
        List<Path> incidents;
        try (Stream<Path> files = Files.list(Path.of("fixtures/incidents"))) {
            incidents = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        try (IncidentArchive archive = IncidentArchive.open(ArchiveLocation.of(dir.resolve("incidents.db").toString(), Map.of()))) {
            Clock clock = Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);
            new BatchTriage(full, new BatchOptions(ReportFormat.json, null, null, false, 0, null, false, false, null, ReportDetail.full))
                    .withSink(new ArchiveSink(archive, "fixtures", false, clock))
                    .run(incidents.stream().map(BatchInput::of).toList(), o -> {});
            Map<String, Long> idByInput = new TreeMap<>();
            for (IncidentSummary s : archive.history(HistoryFilter.all())) idByInput.put(s.input(), s.id());
            assertEquals(incidents.size(), idByInput.size(), "every incident fixture is a valid input and was archived");
            for (Path p : incidents) {
                for (BuildExpectation e : ExpectationReader.read(p)) {
                    if (e.confirmedCause() != null) {
                        archive.confirm(idByInput.get(p.toString()), e.build(), e.confirmedCause(), e.alsoRight(), "fixture", clock.instant());
                    }
                }
            }

            // The rule to remove: of the matching rules (those that weigh evidence for a hypothesis) that fired for some
            // incident, the one that fired for the fewest (ties: by id).
            Map<String, Set<Long>> firedIn = new TreeMap<>();
            Map<String, JsonNode> refs = new TreeMap<>();
            for (long id : idByInput.values()) {
                JsonNode trace = JSON.readTree(archive.get(id).traceJson());
                for (JsonNode b : trace.path("builds")) {
                    for (JsonNode f : b.path("firings")) firedIn.computeIfAbsent(f.path("rule").asString(), k -> new TreeSet<>()).add(id);
                    for (JsonNode r : b.path("rules")) refs.putIfAbsent(r.path("id").asString(), r);
                }
            }
            String removed = firedIn.entrySet().stream()
                    .filter(e -> refs.get(e.getKey()).path("layer").asString().equals("matching"))
                    .min(Comparator.<Map.Entry<String, Set<Long>>>comparingInt(e -> e.getValue().size()).thenComparing(Map.Entry::getKey))
                    .orElseThrow().getKey();
            Path reduced = copyWithout(Path.of("rules"), dir.resolve("rules"), refs.get(removed));
            Triage other = Triage.load(reduced, Path.of("knowledge-base"));
            assertEquals(full.rules().rules().size() - 1, other.rules().rules().size(), "exactly one rule removed: " + removed);

            Set<Long> listed = new TreeSet<>();
            Replay.Summary summary = new Replay(archive, other, 2).run(HistoryFilter.all(), r -> {
                if (r.changed()) listed.add(r.id());
            });
            assertEquals(incidents.size(), summary.incidents());

            // A rule that never fired for an incident inserted nothing there: only those where it fired are triaged again.
            Set<Long> expected = new TreeSet<>();
            for (Path p : incidents) {
                long id = idByInput.get(p.toString());
                if (!firedIn.get(removed).contains(id)) continue;
                TriageRun run = other.run(p);
                Report now = other.report(run);
                JsonNode newTrace = JSON.readTree(JsonRenderer.prettyValue(
                        TraceDocuments.of(run, other.rules().fingerprint(), other.knowledge().fingerprint(), ProductVersion.VALUE)));
                TraceDiff diff = TraceDiff.of("old", JSON.readTree(archive.get(id).traceJson()), "new", newTrace);
                boolean conclusionChanged = diff.builds().stream().anyMatch(d -> !d.conclusionA().equals(d.conclusionB()));
                boolean fixChanged = !IncidentArchive.verdicts(now).stream().map(BuildVerdict::fix).toList()
                        .equals(archive.summary(id).verdicts().stream().map(BuildVerdict::fix).toList());
                if (conclusionChanged || fixChanged) expected.add(id);
            }
            assertEquals(expected, listed, "replay lists what explain --diff finds changed (rule removed: " + removed + ")");
            assertFalse(listed.isEmpty(), "removing " + removed + " changed no conclusion: the test would prove nothing");
            assertTrue(firedIn.get(removed).containsAll(listed), "only incidents where " + removed + " fired can change");
            System.out.println("removed " + removed + ": fired for " + firedIn.get(removed).size() + " incident(s), changed " + listed.size()
                    + "; replay of " + summary.incidents() + " incidents took " + summary.seconds() + " s");
            int confirmedBuilds = summary.before().right() + summary.before().abstained() + summary.before().wrong();
            assertEquals(confirmedBuilds, summary.after().right() + summary.after().abstained() + summary.after().wrong());
            assertTrue(confirmedBuilds >= incidents.size(), "every incident fixture names a confirmed cause for at least one build");
        }
    }

    /** A copy of the rule directory without the rule {@code ref} (its lines from {@code rule "..."} to its {@code end}). */
    static Path copyWithout(Path from, Path to, JsonNode ref) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        Path named = Path.of(ref.path("file").asString());
        Path file = to.resolve((named.startsWith(from) ? from.relativize(named) : named).toString());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int start = ref.path("line").asInt() - 1;
        assertTrue(lines.get(start).startsWith("rule "), file + ":" + (start + 1) + " starts a rule");
        int end = start;
        while (!lines.get(end).strip().equals("end")) end++;
        lines.subList(start, end + 1).clear();
        Files.write(file, lines);
        return to;
    }
}
