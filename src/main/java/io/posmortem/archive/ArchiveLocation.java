package io.posmortem.archive;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the archive lives: a SQLite file (the default, in the user's data directory), or a JDBC
 * URL of a PostgreSQL server. A password is never taken from the URL (it would sit in the shell
 * history and the process list): it comes from {@code POSMORTEM_ARCHIVE_PASSWORD}, else
 * {@code PGPASSWORD}; the user from {@code POSMORTEM_ARCHIVE_USER}, else {@code PGUSER}, unless the
 * URL names one.
 *
 * @param url      the JDBC URL
 * @param user     the database user, or null
 * @param password the password, or null
 * @param file     the SQLite file, or null for a server
 */
public record ArchiveLocation(String url, String user, String password, Path file) {

    /** The environment variables read for a server's credentials. */
    public static final String PASSWORD_VARIABLE = "POSMORTEM_ARCHIVE_PASSWORD";
    public static final String USER_VARIABLE = "POSMORTEM_ARCHIVE_USER";

    /** Whether this is a PostgreSQL server (else a SQLite file). */
    public boolean server() {
        return file == null;
    }

    /** Flyway's migration folder for this database. */
    String migrations() {
        return "classpath:db/archive/" + (server() ? "postgresql" : "sqlite");
    }

    /** What to show the user: the file, or the URL (which holds no password). */
    public String display() {
        return file != null ? file.toString() : url;
    }

    /**
     * Resolves {@code --archive VALUE}: null or empty for the default file, a {@code jdbc:} URL, or
     * a file path; {@code env} gives the data directory and the credentials.
     */
    public static ArchiveLocation of(String value, Map<String, String> env) throws ArchiveException {
        if (value == null || value.isEmpty()) return file(defaultFile(env));
        if (!value.startsWith("jdbc:")) return file(Path.of(value));
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            String rest = value.substring("jdbc:sqlite:".length());
            if (rest.isEmpty() || rest.startsWith(":memory:") || rest.startsWith("file:")) {
                throw ArchiveException.of("archive.location", value, "an in-memory or URI SQLite database keeps nothing",
                        "a file path", "give the file path itself: --archive incidents.db", null);
            }
            return file(Path.of(rest));
        }
        if (!lower.startsWith("jdbc:postgresql:")) {
            throw ArchiveException.of("archive.location", value, "not a database posmortem archives to",
                    "a file path (SQLite) or jdbc:postgresql://HOST/DB", null, null);
        }
        if (lower.contains("password=")) {
            throw ArchiveException.of("archive.location", "--archive", "the URL holds a password",
                    "the password in " + PASSWORD_VARIABLE + " or PGPASSWORD", "remove password=... from the URL and export "
                            + PASSWORD_VARIABLE + " instead (a command line is visible to other users and kept in shell history)", null);
        }
        String user = lower.contains("user=") ? null : first(env, USER_VARIABLE, "PGUSER");
        return new ArchiveLocation(value, user, first(env, PASSWORD_VARIABLE, "PGPASSWORD"), null);
    }

    /**
     * The default archive file: {@code $XDG_DATA_HOME/posmortem/incidents.db}, else
     * {@code ~/.local/share/posmortem/incidents.db} (the XDG Base Directory specification's default).
     */
    public static Path defaultFile(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("posmortem").resolve("incidents.db");
    }

    private static ArchiveLocation file(Path file) {
        return new ArchiveLocation("jdbc:sqlite:" + file, null, null, file);
    }

    private static String first(Map<String, String> env, String a, String b) {
        String v = env.get(a);
        return v != null ? v : env.get(b);
    }
}
