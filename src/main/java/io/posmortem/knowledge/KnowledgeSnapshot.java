package io.posmortem.knowledge;

import io.posmortem.model.AtomicFiles;
import io.posmortem.model.CodeChecksum;
import io.posmortem.model.Sha256;
import io.posmortem.model.UserCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Knowledge bases that loaded without a problem, kept in the cache directory ({@link UserCache})
 * as Java serialization of the {@link KnowledgeBase} record, so that a later process reading the
 * same files skips parsing, schema validation, binding and the cross-checks (about 0.6 s of a cold
 * start against about 0.2 s for reading the snapshot). The key is the SHA-256 of the knowledge
 * base's fingerprint (every file's name and bytes), posmortem's version, the Java version and a
 * checksum of the code ({@link CodeChecksum}: the loader's checks and the records' shapes are
 * code, and a record deserializes a component it does not find as its default value, so a
 * snapshot is only ever read by the build that wrote it). A knowledge base with problems is never
 * written, so its problems are found and reported on every load.
 *
 * <p>A snapshot is read with a filter that admits only the knowledge-base records and the
 * {@code java.lang} and {@code java.util} values they hold, within fixed bounds; one that fails
 * the filter, does not deserialize, or holds another fingerprint is ignored and the files are
 * loaded (and the snapshot rewritten). Only the {@link #KEPT} entries used last are kept.
 */
final class KnowledgeSnapshot {
    private KnowledgeSnapshot() {}

    /** Bumped when the snapshot's form changes. */
    private static final String VERSION = "1";

    static final String SUFFIX = ".kb";

    /** Snapshots kept: one per knowledge base edited or build of posmortem (about 160 KB each). */
    static final int KEPT = 16;

    /** Largest snapshot read (the bundled knowledge base's is about 160 KB). */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /**
     * What a snapshot may hold: the bundled knowledge base has depth 6, ~4,400 references and
     * arrays of at most 256 elements, so the bounds leave room for a knowledge base many times
     * its size while bounding what a crafted stream can cost.
     */
    private static final ObjectInputFilter ADMITTED = ObjectInputFilter.Config.createFilter(
            "maxdepth=32;maxrefs=1000000;maxarray=1000000;maxbytes=" + MAX_BYTES + ";"
                    + "io.posmortem.knowledge.KnowledgeBase;io.posmortem.model.**;java.lang.*;java.util.*;!*");

    static String key(String fingerprint) {
        return key(fingerprint, CodeChecksum.ofRunningCode());
    }

    static String key(String fingerprint, String codeChecksum) {
        String version = KnowledgeSnapshot.class.getPackage().getImplementationVersion();
        return Sha256.hex(fingerprint + "\n" + version + "\n" + System.getProperty("java.version") + "\n" + codeChecksum + "\n" + VERSION);
    }

    /** The cache entry for the knowledge base with this fingerprint, or null when the cache is off. */
    static Path entry(String fingerprint) {
        Path dir = UserCache.directory();
        return dir == null ? null : dir.resolve(key(fingerprint) + SUFFIX);
    }

    /** The knowledge base written for {@code fingerprint}, or null when there is none that can be used. */
    static KnowledgeBase read(String fingerprint) {
        Path file = entry(fingerprint);
        if (file == null) return null;
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) return null;
        } catch (IOException e) {
            return null;
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            in.setObjectInputFilter(ADMITTED);
            if (!(in.readObject() instanceof KnowledgeBase kb) || !fingerprint.equals(kb.fingerprint())) return null;
            UserCache.markUsed(file);
            return kb;
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Writes {@code kb} under its fingerprint; a cache that cannot be written is skipped. */
    static void write(KnowledgeBase kb) {
        Path file = entry(kb.fingerprint());
        if (file == null) return;
        try {
            Files.createDirectories(file.getParent());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(kb);
            }
            AtomicFiles.write(file, bytes.toByteArray());
            UserCache.prune(file.getParent(), SUFFIX, KEPT);
        } catch (IOException | RuntimeException e) {
            // An unwritable cache only costs the next load the parsing.
        }
    }
}
