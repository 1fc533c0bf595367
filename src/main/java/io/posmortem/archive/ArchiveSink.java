package io.posmortem.archive;

import io.posmortem.engine.IncidentSink;
import io.posmortem.engine.TriagedInput;
import java.time.Clock;

/** Hands every incident a batch or the service triages to an archive, labelled with where it came from. */
public final class ArchiveSink implements IncidentSink {
    private final IncidentArchive archive;
    private final String source;
    private final boolean again;
    private final Clock clock;

    /**
     * @param source a label for who or what submitted the inputs ({@code --source}), or null
     * @param again  keep an incident again even when the same one is already kept
     */
    public ArchiveSink(IncidentArchive archive, String source, boolean again, Clock clock) {
        this.archive = archive;
        this.source = source;
        this.again = again;
        this.clock = clock;
    }

    @Override
    public boolean triaged(TriagedInput incident) throws ArchiveException {
        return store(incident, source).added();
    }

    /** Keeps {@code incident} labelled with {@code label} (the service passes the client address). */
    public IncidentArchive.Stored store(TriagedInput incident, String label) throws ArchiveException {
        return archive.store(incident, label, clock.instant(), again);
    }
}
