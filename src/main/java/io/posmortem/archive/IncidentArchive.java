package io.posmortem.archive;

import io.posmortem.engine.TriagedInput;
import io.posmortem.model.Sha256;
import io.posmortem.model.input.ModelConfig;
import io.posmortem.report.BuildReport;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The incident archive over one JDBC connection (SQLite file or PostgreSQL server), migrated to
 * the current schema by Flyway when opened. Each incident is written in one transaction with its
 * verdicts: a crash leaves it stored whole or not at all. Methods are synchronized: one archive
 * may be shared by the threads of a batch or of the service.
 *
 * <p>An incident is kept once per run key (the input's bytes, the model config's bytes, the what-if
 * block and the combined rules/knowledge-base/version fingerprint); storing it again adds nothing
 * unless {@code again}, which adds a repeat.
 */
public final class IncidentArchive implements AutoCloseable {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");

    private final ArchiveLocation location;
    private final Connection db;

    private IncidentArchive(ArchiveLocation location, Connection db) {
        this.location = location;
        this.db = db;
    }

    /** The outcome of {@link #store}: the incident's id, and whether it was added now (false: already kept). */
    public record Stored(long id, boolean added) {}

    /** Opens (creating it if needed) and migrates the archive at {@code location}. */
    public static IncidentArchive open(ArchiveLocation location) throws ArchiveException {
        try {
            if (location.file() != null) {
                Path parent = location.file().toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw ArchiveException.of("archive.open", location.display(), "cannot create the archive's directory: " + e,
                    "a writable directory", "give another place with --archive PATH", e);
        }
        Connection db = null;
        try {
            Properties props = new Properties();
            if (location.user() != null) props.setProperty("user", location.user());
            if (location.password() != null) props.setProperty("password", location.password());
            db = DriverManager.getConnection(location.url(), props);
            if (!location.server()) {
                try (Statement s = db.createStatement()) {
                    // WAL: readers (history, the service's list) do not wait for a writer; a process killed
                    // mid-write leaves the last committed state. busy_timeout: a second process waits its turn.
                    s.execute("PRAGMA journal_mode = WAL");
                    s.execute("PRAGMA busy_timeout = 30000");
                    s.execute("PRAGMA foreign_keys = ON");
                }
            }
            Flyway.configure(IncidentArchive.class.getClassLoader())
                    .dataSource(location.url(), location.user(), location.password())
                    .locations(location.migrations())
                    .load()
                    .migrate();
            db.setAutoCommit(false);
            return new IncidentArchive(location, db);
        } catch (SQLException | FlywayException e) {
            closeQuietly(db);
            throw ArchiveException.of("archive.open", location.display(), "cannot open the archive: " + e.getMessage(),
                    location.server() ? "a reachable PostgreSQL server, the user in " + ArchiveLocation.USER_VARIABLE
                            + " or PGUSER and the password in " + ArchiveLocation.PASSWORD_VARIABLE + " or PGPASSWORD"
                            : "a SQLite file posmortem can write", null, e);
        }
    }

    public ArchiveLocation location() {
        return location;
    }

    /**
     * Keeps one triaged input: its bytes and SHA-256, the model config it read, the verdicts per
     * build, the report and the full trace (gzip), the fingerprints and version, the time and the
     * {@code source} label (may be null).
     */
    public synchronized Stored store(TriagedInput in, String source, Instant at, boolean again) throws ArchiveException {
        Report report = in.report();
        ModelConfig config = in.run().input().modelConfig();
        byte[] configBytes = null;
        String configPath = null;
        if (config != null && config.source() != null) {
            Path file = Path.of(config.source());
            try {
                configBytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw ArchiveException.of("archive.write", in.name(), "cannot read the model config again to keep it: " + e,
                        "the config.json still in place", null, e);
            }
            configPath = relativeTo(Path.of(in.source()), file);
        }
        String configSha = configBytes == null ? "" : Sha256.hex(configBytes);
        String inputSha = Sha256.hex(in.bytes());
        String runKey = Sha256.hex(inputSha + "\n" + configSha + "\n" + (in.whatIf() == null ? "" : in.whatIf()) + "\n"
                + in.trace().fingerprint().combined());
        try {
            int repeat = 1;
            try (PreparedStatement q = db.prepareStatement("SELECT id, repeat_no FROM incident WHERE run_key = ? ORDER BY repeat_no DESC")) {
                q.setString(1, runKey);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        if (!again) {
                            long id = r.getLong(1);
                            db.rollback();
                            return new Stored(id, false);
                        }
                        repeat = r.getInt(2) + 1;
                    }
                }
            }
            long id;
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO incident (run_key, repeat_no, triaged_at_ms, source, input_name, "
                    + "input_sha256, input_bytes, model_config_path, model_config_sha256, model_config_bytes, what_if, title, model, "
                    + "rules_fingerprint, kb_fingerprint, fingerprint, version, report_gz, trace_gz) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                int i = 1;
                ins.setString(i++, runKey);
                ins.setInt(i++, repeat);
                ins.setLong(i++, at.toEpochMilli());
                ins.setString(i++, source);
                ins.setString(i++, in.name());
                ins.setString(i++, inputSha);
                ins.setBytes(i++, in.bytes());
                ins.setString(i++, configPath);
                ins.setString(i++, configBytes == null ? null : configSha);
                if (configBytes == null) ins.setNull(i++, Types.BINARY);
                else ins.setBytes(i++, configBytes);
                ins.setString(i++, in.whatIf());
                ins.setString(i++, report.title());
                ins.setString(i++, in.run().input().model().name());
                ins.setString(i++, in.trace().fingerprint().rules());
                ins.setString(i++, in.trace().fingerprint().knowledgeBase());
                ins.setString(i++, in.trace().fingerprint().combined());
                ins.setString(i++, report.version());
                ins.setBytes(i++, Gzip.pack(JsonRenderer.line(report)));
                ins.setBytes(i++, Gzip.pack(JsonRenderer.prettyValue(in.trace())));
                try (ResultSet keys = ins.executeQuery()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement v = db.prepareStatement(
                    "INSERT INTO verdict (incident_id, position, build, verdict, hypothesis, confidence, fix) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (BuildVerdict b : verdicts(report)) {
                    v.setLong(1, id);
                    v.setInt(2, position++);
                    v.setString(3, b.build());
                    v.setString(4, b.verdict());
                    v.setString(5, b.hypothesis());
                    if (b.confidence() == null) v.setNull(6, Types.DOUBLE);
                    else v.setDouble(6, b.confidence());
                    v.setString(7, b.fix());
                    v.addBatch();
                }
                v.executeBatch();
            }
            db.commit();
            return new Stored(id, true);
        } catch (SQLException e) {
            rollback();
            throw failure("archive.write", in.name(), "cannot store the incident", e);
        }
    }

    /** The verdict of every build of {@code report}, in report order. */
    static List<BuildVerdict> verdicts(Report report) {
        List<BuildVerdict> out = new ArrayList<>();
        for (BuildReport b : report.builds()) {
            String fix = b.recommendations() == null || b.recommendations().isEmpty() ? null : b.recommendations().get(0).id();
            if (b.diagnosis() == null) out.add(new BuildVerdict(b.id(), "none", null, null, fix));
            else out.add(new BuildVerdict(b.id(), b.diagnosis().verdict(), b.diagnosis().hypothesis(), b.diagnosis().confidence(), fix));
        }
        return out;
    }

    /** {@code file} relative to the input's directory with '/' separators, or null when it lies outside it. */
    private static String relativeTo(Path input, Path file) {
        Path base = input.toAbsolutePath().normalize().getParent();
        Path abs = file.toAbsolutePath().normalize();
        if (base == null || !abs.startsWith(base)) return null;
        return base.relativize(abs).toString().replace('\\', '/');
    }

    /** The incidents {@code filter} selects, newest first. */
    public synchronized List<IncidentSummary> history(HistoryFilter filter) throws ArchiveException {
        List<IncidentSummary> out = new ArrayList<>();
        for (long id : ids(filter)) out.add(summary(id));
        return out;
    }

    /** The ids {@code filter} selects, newest first. */
    public synchronized List<Long> ids(HistoryFilter filter) throws ArchiveException {
        // The statement is assembled from fixed fragments only; every value is a parameter.
        StringBuilder sql = new StringBuilder("SELECT i.id FROM incident i WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.hypothesis() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM verdict v WHERE v.incident_id = i.id AND v.hypothesis = ?)");
            params.add(filter.hypothesis());
        }
        if (filter.verdict() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM verdict v WHERE v.incident_id = i.id AND v.verdict = ?)");
            params.add(filter.verdict());
        }
        if (filter.model() != null) {
            sql.append(" AND LOWER(i.model) = LOWER(?)");
            params.add(filter.model());
        }
        if (filter.since() != null) {
            sql.append(" AND i.triaged_at_ms >= ?");
            params.add(filter.since().toEpochMilli());
        }
        if (filter.until() != null) {
            sql.append(" AND i.triaged_at_ms < ?");
            params.add(filter.until().toEpochMilli());
        }
        if (filter.fingerprint() != null) {
            if (!HEX.matcher(filter.fingerprint()).matches()) {
                throw ArchiveException.of("archive.filter", "--fingerprint", "'" + filter.fingerprint() + "' is not a fingerprint prefix",
                        "lower-case hexadecimal digits", "copy it from a report's header or from history --format json", null);
            }
            sql.append(" AND (i.rules_fingerprint LIKE ? OR i.kb_fingerprint LIKE ? OR i.fingerprint LIKE ?)");
            for (int k = 0; k < 3; k++) params.add(filter.fingerprint() + "%");
        }
        if (filter.confirmed()) sql.append(" AND EXISTS (SELECT 1 FROM confirmation c WHERE c.incident_id = i.id)");
        sql.append(" ORDER BY i.id DESC");
        if (filter.limit() > 0) {
            sql.append(" LIMIT ?");
            params.add(filter.limit());
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) q.setObject(i + 1, params.get(i));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) ids.add(r.getLong(1));
            }
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw failure("archive.read", location.display(), "cannot list the incidents", e);
        }
        return ids;
    }

    /** One incident's summary. */
    public synchronized IncidentSummary summary(long id) throws ArchiveException {
        try {
            IncidentSummary s = readSummary(id);
            db.commit();
            return s;
        } catch (SQLException e) {
            rollback();
            throw failure("archive.read", "incident " + id, "cannot read the incident", e);
        }
    }

    private IncidentSummary readSummary(long id) throws SQLException, ArchiveException {
        IncidentSummary head;
        try (PreparedStatement q = db.prepareStatement("SELECT triaged_at_ms, source, input_name, input_sha256, title, model, "
                + "rules_fingerprint, kb_fingerprint, fingerprint, version FROM incident WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) throw notFound(id);
                head = new IncidentSummary(id, Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), List.of(), List.of());
            }
        }
        List<BuildVerdict> verdicts = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(
                "SELECT build, verdict, hypothesis, confidence, fix FROM verdict WHERE incident_id = ? ORDER BY position")) {
            q.setLong(1, id);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    double c = r.getDouble(4);
                    verdicts.add(new BuildVerdict(r.getString(1), r.getString(2), r.getString(3), r.wasNull() ? null : c, r.getString(5)));
                }
            }
        }
        List<Confirmation> confirmations = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(
                "SELECT build, cause, also_right, note, confirmed_at_ms FROM confirmation WHERE incident_id = ? ORDER BY build")) {
            q.setLong(1, id);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    String also = r.getString(3);
                    confirmations.add(new Confirmation(r.getString(1), r.getString(2), also.isEmpty() ? List.of() : Arrays.asList(also.split(" ")),
                            r.getString(4), Instant.ofEpochMilli(r.getLong(5))));
                }
            }
        }
        return new IncidentSummary(id, head.triagedAt(), head.source(), head.input(), head.inputSha256(), head.title(), head.model(),
                head.rulesFingerprint(), head.knowledgeBaseFingerprint(), head.fingerprint(), head.version(), List.copyOf(verdicts),
                List.copyOf(confirmations));
    }

    /** One incident with everything kept. */
    public synchronized StoredIncident get(long id) throws ArchiveException {
        try {
            IncidentSummary summary = readSummary(id);
            StoredIncident out;
            try (PreparedStatement q = db.prepareStatement(
                    "SELECT input_bytes, model_config_path, model_config_bytes, what_if, report_gz, trace_gz FROM incident WHERE id = ?")) {
                q.setLong(1, id);
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) throw notFound(id);
                    out = new StoredIncident(summary, r.getBytes(1), r.getString(2), r.getBytes(3), r.getString(4), Gzip.unpack(r.getBytes(5)),
                            Gzip.unpack(r.getBytes(6)));
                }
            }
            db.commit();
            return out;
        } catch (SQLException e) {
            rollback();
            throw failure("archive.read", "incident " + id, "cannot read the incident", e);
        }
    }

    /** The report of incident {@code id} as stored. */
    public Report report(long id) throws ArchiveException {
        return StoredReports.read(get(id).reportJson(), id);
    }

    /**
     * Records the cause an engineer confirmed for {@code build} of incident {@code id} (null: its
     * only build), replacing an earlier confirmation of that build.
     */
    public synchronized Confirmation confirm(long id, String build, String cause, List<String> alsoRight, String note, Instant at)
            throws ArchiveException {
        try {
            IncidentSummary s = readSummary(id);
            List<String> builds = s.verdicts().stream().map(BuildVerdict::build).toList();
            String target = build;
            if (target == null) {
                if (builds.size() != 1) {
                    db.rollback();
                    throw ArchiveException.of("archive.build", "incident " + id, "the incident has " + builds.size() + " builds",
                            "--build with one of " + builds, null, null);
                }
                target = builds.get(0);
            } else if (!builds.contains(target)) {
                db.rollback();
                throw ArchiveException.of("archive.build", "incident " + id, "no build '" + target + "'", "one of " + builds,
                        io.posmortem.model.Spelling.suggest(target, builds), null);
            }
            try (PreparedStatement d = db.prepareStatement("DELETE FROM confirmation WHERE incident_id = ? AND build = ?")) {
                d.setLong(1, id);
                d.setString(2, target);
                d.executeUpdate();
            }
            try (PreparedStatement ins = db.prepareStatement(
                    "INSERT INTO confirmation (incident_id, build, cause, also_right, note, confirmed_at_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setLong(1, id);
                ins.setString(2, target);
                ins.setString(3, cause);
                ins.setString(4, String.join(" ", alsoRight));
                ins.setString(5, note);
                ins.setLong(6, at.toEpochMilli());
                ins.executeUpdate();
            }
            db.commit();
            return new Confirmation(target, cause, List.copyOf(alsoRight), note, at);
        } catch (SQLException e) {
            rollback();
            throw failure("archive.write", "incident " + id, "cannot store the confirmation", e);
        }
    }

    /** Deletes incident {@code id} with its verdicts and confirmations; false when there is no such incident. */
    public synchronized boolean forget(long id) throws ArchiveException {
        try {
            for (String table : List.of("confirmation", "verdict")) {
                // Table names come from the fixed list above, never from input.
                try (PreparedStatement d = db.prepareStatement("DELETE FROM " + table + " WHERE incident_id = ?")) {
                    d.setLong(1, id);
                    d.executeUpdate();
                }
            }
            int n;
            try (PreparedStatement d = db.prepareStatement("DELETE FROM incident WHERE id = ?")) {
                d.setLong(1, id);
                n = d.executeUpdate();
            }
            db.commit();
            return n > 0;
        } catch (SQLException e) {
            rollback();
            throw failure("archive.write", "incident " + id, "cannot delete the incident", e);
        }
    }

    /** The number of incidents kept. */
    public synchronized int count() throws ArchiveException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM incident")) {
            r.next();
            int n = r.getInt(1);
            db.commit();
            return n;
        } catch (SQLException e) {
            rollback();
            throw failure("archive.read", location.display(), "cannot count the incidents", e);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(db);
    }

    private static ArchiveException notFound(long id) {
        return ArchiveException.of("archive.not-found", "incident " + id, "no incident " + id + " in the archive", "an id history lists",
                "posmortem history lists the incidents kept", null);
    }

    private ArchiveException failure(String code, String where, String what, SQLException e) {
        return ArchiveException.of(code, where, what + " in " + location.display() + ": " + e.getMessage(), "a readable and writable archive",
                null, e);
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the caller reports the first error
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }
}
