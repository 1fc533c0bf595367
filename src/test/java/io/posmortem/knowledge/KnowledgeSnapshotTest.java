package io.posmortem.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.Problem;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Knowledge-base snapshots: a load of unchanged files reads the snapshot and gets the knowledge
 * base the files give; an edited file, a damaged or foreign snapshot, or another build's snapshot
 * is not used; a knowledge base with problems is never written.
 */
class KnowledgeSnapshotTest {

    @TempDir
    Path dir;

    private Path kb;
    private Path cache;

    @BeforeEach
    void copyTheShippedKnowledgeBase() throws Exception {
        kb = Files.createDirectories(dir.resolve("knowledge-base"));
        for (String name : KnowledgeBaseLoader.FILES) Files.copy(Path.of("knowledge-base", name), kb.resolve(name));
        cache = dir.resolve("cache");
        System.setProperty("posmortem.cache", cache.toString());
    }

    @AfterEach
    void reset() {
        System.clearProperty("posmortem.cache");
    }

    /** The knowledge base of {@code dir} loaded from its files, the cache off. */
    private static KnowledgeBase parsed(Path dir) throws Exception {
        String before = System.getProperty("posmortem.cache");
        System.setProperty("posmortem.cache", "off");
        try {
            return KnowledgeBaseLoader.load(dir);
        } finally {
            System.setProperty("posmortem.cache", before);
        }
    }

    /** The same knowledge base with another needle depth: a snapshot nobody could get from the files. */
    private static KnowledgeBase marked(KnowledgeBase k, double depth) {
        return new KnowledgeBase(k.fingerprint(), k.questions(), k.hypotheses(), k.capabilities(), k.mechanisms(), k.retrofitKinds(),
                k.fixes(), k.thresholds(), k.references(), k.modelDefaults(), k.biasDefaults(), k.modelFamilies(), k.ropeTypeKeys(),
                k.factRows(), k.factConditions(), k.engines(), k.fixPreconditions(), k.evalTasks(), depth);
    }

    private List<Path> entries(String suffix) throws Exception {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void aSecondLoadReadsTheSnapshotAndGetsWhatTheFilesGive() throws Exception {
        KnowledgeBase first = KnowledgeBaseLoader.load(kb);
        Path entry = KnowledgeSnapshot.entry(first.fingerprint());
        assertEquals(List.of(entry), entries(".kb"), "the first load wrote one snapshot");
        assertNotNull(KnowledgeSnapshot.read(first.fingerprint()));

        KnowledgeBase second = KnowledgeBaseLoader.load(kb);
        assertEquals(parsed(kb), second, "record by record, map order included");
        assertEquals(List.copyOf(parsed(kb).hypotheses().keySet()), List.copyOf(second.hypotheses().keySet()));
        assertEquals(parsed(kb).facts(), second.facts());

        // A planted snapshot for the same files is what the next load returns: loads do read it.
        KnowledgeSnapshot.write(marked(first, 12.5));
        assertEquals(12.5, KnowledgeBaseLoader.load(kb).needleEarlyDepth());
        assertEquals(first.needleEarlyDepth(), parsed(kb).needleEarlyDepth());
        assertNotEquals(12.5, first.needleEarlyDepth());
    }

    @Test
    void anEditedFileIsLoadedFromTheFiles() throws Exception {
        KnowledgeBase original = KnowledgeBaseLoader.load(kb);
        KnowledgeSnapshot.write(marked(original, 12.5));
        Path thresholds = kb.resolve("thresholds.yaml");
        Files.writeString(thresholds, Files.readString(thresholds) + "# a comment changes the bytes\n");

        KnowledgeBase edited = KnowledgeBaseLoader.load(kb);
        assertNotEquals(original.fingerprint(), edited.fingerprint());
        assertEquals(original.needleEarlyDepth(), edited.needleEarlyDepth(), "not the snapshot of the files before the edit");
        assertEquals(2, entries(".kb").size(), "the edited files have their own snapshot");
    }

    @Test
    void theKeyChangesWithTheCode() {
        assertNotEquals(KnowledgeSnapshot.key("f", "code-a"), KnowledgeSnapshot.key("f", "code-b"));
        assertNotEquals(KnowledgeSnapshot.key("f", "code-a"), KnowledgeSnapshot.key("g", "code-a"));
        assertEquals(KnowledgeSnapshot.key("f", "code-a"), KnowledgeSnapshot.key("f", "code-a"));
    }

    @Test
    void aDamagedSnapshotIsIgnoredAndRewritten() throws Exception {
        KnowledgeBase expected = parsed(kb);
        Path entry = KnowledgeSnapshot.entry(expected.fingerprint());
        Files.createDirectories(cache);
        byte[] whole = serialized(expected);
        for (byte[] damaged : List.of(new byte[0], "not a snapshot".getBytes(), java.util.Arrays.copyOf(whole, whole.length / 2))) {
            Files.write(entry, damaged);
            assertNull(KnowledgeSnapshot.read(expected.fingerprint()));
            assertEquals(expected, KnowledgeBaseLoader.load(kb));
            assertNotNull(KnowledgeSnapshot.read(expected.fingerprint()), "the load replaced the damaged snapshot");
        }
        // A valid snapshot followed by zeros up to more than a snapshot may hold (a sparse file): not read at all.
        Files.write(entry, whole);
        try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(entry.toFile(), "rw")) {
            huge.setLength(KnowledgeSnapshot.MAX_BYTES + 1);
        }
        assertNull(KnowledgeSnapshot.read(expected.fingerprint()));
        assertEquals(expected, KnowledgeBaseLoader.load(kb));
        assertTrue(Files.size(entry) < 1024 * 1024, "rewritten");
    }

    /** Records that its stream reached its readObject: a class outside the snapshot's admitted ones. */
    static final class Tripwire implements java.io.Serializable {
        static volatile boolean read;

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            read = true;
        }
    }

    @Test
    void aSnapshotHoldingAnythingElseIsRefusedUnread() throws Exception {
        KnowledgeBase expected = parsed(kb);
        Path entry = KnowledgeSnapshot.entry(expected.fingerprint());
        Files.createDirectories(cache);

        Tripwire.read = false;
        Files.write(entry, serialized(new java.util.ArrayList<>(List.of(new Tripwire()))));
        assertNull(KnowledgeSnapshot.read(expected.fingerprint()));
        assertFalse(Tripwire.read, "the filter refused the class before its readObject ran");

        // A knowledge base, but of other files: its fingerprint does not match the key's.
        KnowledgeBase other = new KnowledgeBase("0".repeat(64), expected.questions(), expected.hypotheses(), expected.capabilities(),
                expected.mechanisms(), expected.retrofitKinds(), expected.fixes(), expected.thresholds(), expected.references(),
                expected.modelDefaults(), expected.biasDefaults(), expected.modelFamilies(), expected.ropeTypeKeys(), expected.factRows(),
                expected.factConditions(), expected.engines(), expected.fixPreconditions(), expected.evalTasks(), 12.5);
        Files.write(entry, serialized(other));
        assertNull(KnowledgeSnapshot.read(expected.fingerprint()));
        assertEquals(expected, KnowledgeBaseLoader.load(kb));
    }

    @Test
    void aKnowledgeBaseWithProblemsIsNeverWritten() throws Exception {
        Path hypotheses = kb.resolve("hypotheses.yaml");
        Files.writeString(hypotheses, Files.readString(hypotheses).replace("mechanism: rope-linear", "mechanism: rope-linaer"));
        List<Problem> first = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb)).problems();
        assertEquals(List.of(), entries(".kb"));
        List<Problem> again = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb)).problems();
        assertEquals(first, again, "found again, every load");

        // A file that does not parse and one that is missing: both reported, in file order.
        Files.writeString(hypotheses, Files.readString(hypotheses) + "\nbroken: [unclosed\n");
        Files.delete(kb.resolve("engines.yaml"));
        List<Problem> unread = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(kb)).problems();
        List<String> sources = unread.stream().map(p -> Path.of(p.source()).getFileName().toString()).distinct().toList();
        assertEquals(List.of("hypotheses.yaml", "engines.yaml"), sources, unread.toString());
        assertTrue(unread.stream().anyMatch(p -> p.oneLine().contains("file not found")), unread.toString());
        assertEquals(List.of(), entries(".kb"));
    }

    @Test
    void onlyTheSnapshotsUsedLastAreKeptAndOtherEntriesStay() throws Exception {
        Files.createDirectories(cache);
        long now = System.currentTimeMillis();
        for (int i = 0; i < KnowledgeSnapshot.KEPT + 3; i++) {
            Path old = Files.writeString(cache.resolve(String.format("%02d.kb", i)), "x");
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(now - (i + 1) * 60_000L));
        }
        Path pack = Files.writeString(cache.resolve("pack.kpkg"), "x");
        Files.setLastModifiedTime(pack, java.nio.file.attribute.FileTime.fromMillis(0));

        KnowledgeBase loaded = KnowledgeBaseLoader.load(kb);
        List<Path> kept = entries(".kb");
        assertEquals(KnowledgeSnapshot.KEPT, kept.size());
        assertTrue(kept.contains(KnowledgeSnapshot.entry(loaded.fingerprint())), "the one just written is kept");
        assertFalse(kept.contains(cache.resolve(String.format("%02d.kb", KnowledgeSnapshot.KEPT - 1))), "the oldest go");
        assertTrue(Files.exists(pack), "compiled rules are not snapshots");
    }

    @Test
    void withTheCacheOffNothingIsWritten() throws Exception {
        System.setProperty("posmortem.cache", "off");
        assertNull(KnowledgeSnapshot.entry("f"));
        assertEquals(parsed(kb), KnowledgeBaseLoader.load(kb));
        assertFalse(Files.exists(cache));
    }

    private static byte[] serialized(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }
}
