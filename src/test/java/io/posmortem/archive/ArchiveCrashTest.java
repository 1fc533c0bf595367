package io.posmortem.archive;

import io.posmortem.report.ReportDetail;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.engine.BatchInput;
import io.posmortem.engine.BatchOptions;
import io.posmortem.engine.BatchTriage;
import io.posmortem.engine.IncidentSink;
import io.posmortem.engine.ReportFormat;
import io.posmortem.engine.Triage;
import io.posmortem.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch with {@code --archive} killed with SIGKILL part-way: every incident it finished is
 * there whole (its verdict rows, report, trace and input), nothing half-written, and running the
 * batch again adds only the incidents that were missing.
 */
class ArchiveCrashTest {
    @TempDir
    Path dir;

    @Test
    void killedBatchLeavesWholeIncidentsAndASecondRunAddsOnlyTheMissing() throws Exception {
        // Distinct inputs: each incident fixture, several times with a different trailing comment (other bytes, other run key).
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(Path.of("fixtures/incidents"))) {
            fixtures = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<Path> batch = new ArrayList<>();
        for (int copy = 0; copy < 4; copy++) {
            for (Path f : fixtures) {
                Path target = inputs.resolve(copy + "-" + f.getFileName());
                Files.writeString(target, Files.readString(f) + "\n# copy " + copy + "\n", StandardCharsets.UTF_8);
                batch.add(target);
            }
        }
        Path db = dir.resolve("incidents.db");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.posmortem.cli.Main", "triage", "--archive", db.toString(), "-j", "1",
                "--format", "json", "--out", dir.resolve("reports").toString()));
        batch.forEach(p -> command.add(p.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        int seen = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (seen < 10 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = count(db);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(seen >= 10, "the batch stored incidents before it was killed; its log: " + Files.readString(dir.resolve("child.log")));

        Map<String, Long> before = new HashMap<>();
        try (IncidentArchive archive = IncidentArchive.open(ArchiveLocation.of(db.toString(), Map.of()))) {
            int kept = archive.count();
            assertTrue(kept < batch.size(), "killed before the end (kept " + kept + " of " + batch.size() + ")");
            for (IncidentSummary s : archive.history(HistoryFilter.all())) {
                StoredIncident stored = archive.get(s.id());
                assertArrayEquals(Files.readAllBytes(Path.of(s.input())), stored.input(), "input " + s.input());
                assertEquals(Sha256.hex(stored.input()), s.inputSha256());
                assertEquals(archive.report(s.id()).builds().size(), s.verdicts().size(), "every build's verdict row of " + s.input());
                assertFalse(s.verdicts().isEmpty());
                assertTrue(stored.traceJson().contains("\"trace_version\""));
                before.put(s.input(), s.id());
            }
            assertEquals(kept, before.size(), "one incident per input");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet orphans = s.executeQuery("SELECT COUNT(*) FROM verdict v WHERE NOT EXISTS (SELECT 1 FROM incident i WHERE i.id = v.incident_id)")) {
            orphans.next();
            assertEquals(0, orphans.getInt(1), "no verdict row without its incident");
        }

        // The same batch again, in this process: only the incidents missing are added, the others keep their ids.
        Triage triage = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
        AtomicInteger added = new AtomicInteger();
        try (IncidentArchive archive = IncidentArchive.open(ArchiveLocation.of(db.toString(), Map.of()))) {
            ArchiveSink store = new ArchiveSink(archive, null, false, Clock.systemUTC());
            IncidentSink counting = incident -> {
                boolean isNew = store.triaged(incident);
                if (isNew) added.incrementAndGet();
                return isNew;
            };
            new BatchTriage(triage, new BatchOptions(ReportFormat.json, null, null, false, 2, null, false, false, null, ReportDetail.full))
                    .withSink(counting).run(batch.stream().map(BatchInput::of).toList(), o -> {});
            assertEquals(batch.size(), archive.count());
            assertEquals(batch.size() - before.size(), added.get());
            for (IncidentSummary s : archive.history(HistoryFilter.all())) {
                if (before.containsKey(s.input())) assertEquals(before.get(s.input()), s.id());
            }
        }
    }

    /** Incidents committed so far, read beside the writer (0 while the schema does not exist yet). */
    private static int count(Path db) {
        if (!Files.exists(db)) return 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM incident")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }
}
