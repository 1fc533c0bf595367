package io.posmortem.cli;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.ArchiveLocation;
import io.posmortem.archive.IncidentArchive;
import picocli.CommandLine.Option;

/** The archive an incident-history command reads ({@code --archive PATH|URL}). */
final class ArchiveOption {

    @Option(names = "--archive", paramLabel = "PATH|URL",
            description = "The incident archive: a SQLite file, or jdbc:postgresql://HOST/DB with the password in "
                    + "POSMORTEM_ARCHIVE_PASSWORD or PGPASSWORD (default: $XDG_DATA_HOME/posmortem/incidents.db, else ~/.local/share/posmortem/incidents.db).")
    String archive;

    IncidentArchive open() throws ArchiveException {
        return IncidentArchive.open(ArchiveLocation.of(archive, System.getenv()));
    }
}
