package io.posmortem.archive;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The archive suite on the embedded database (a SQLite file). */
class SqliteArchiveTest extends ArchiveSuite {
    @TempDir
    Path dir;

    @Override
    ArchiveLocation freshLocation() throws Exception {
        return ArchiveLocation.of(dir.resolve("archive").resolve("incidents.db").toString(), Map.of());
    }
}
