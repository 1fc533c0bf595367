package io.posmortem.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.model.CodeChecksum;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled-rule cache: hits give the same pack; any change to a rule file or to the code misses
 * and recompiles; a cached pack that no longer links against the code is recompiled with a warning.
 */
class CompiledRuleCacheTest {

    @AfterEach
    void reset() {
        System.clearProperty("posmortem.cache");
    }

    @Test
    void unchangedRulesHitTheCacheAndChangedRulesAreRecompiled(@TempDir Path dir) throws Exception {
        System.setProperty("posmortem.cache", dir.resolve("cache").toString());
        Path rules = dir.resolve("rules");
        try (Stream<Path> walk = Files.walk(Path.of("rules"))) {
            for (Path p : walk.toList()) {
                Path t = rules.resolve(Path.of("rules").relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        RulePack first = RulePack.load(rules, kb);
        assertNotNull(CompiledRuleCache.read(rules, first.fingerprint(), System.err), "written after the first compilation");
        RulePack second = RulePack.load(rules, kb);
        assertEquals(first.rules(), second.rules(), "the cached pack has the same rules, files and lines");

        Path verdict = rules.resolve("4-conclusion/verdict.drl");
        Files.writeString(verdict, Files.readString(verdict).replace("is the diagnosis\")", "is the answer\")"));
        RulePack changed = RulePack.load(rules, kb);
        assertTrue(!changed.fingerprint().equals(first.fingerprint()));
        assertTrue(changed.rules().get("conclude.standing-diagnosed").explanation().contains("is the answer"), "recompiled");
    }

    @Test
    void theKeyChangesWithTheCode(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("io/posmortem"));
        Files.write(classes.resolve("io/posmortem/A.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1});
        String before = CodeChecksum.of(classes);
        Files.write(classes.resolve("io/posmortem/A.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 2});
        String after = CodeChecksum.of(classes);
        assertNotEquals(before, after, "a changed class file changes the checksum of a class directory");

        Path one = jar(dir.resolve("one.jar"), "class bytes, version 1");
        Path same = jar(dir.resolve("same.jar"), "class bytes, version 1");
        Path two = jar(dir.resolve("two.jar"), "class bytes, version 2");
        assertEquals(CodeChecksum.of(one), CodeChecksum.of(same), "the same entries give the same checksum");
        assertNotEquals(CodeChecksum.of(one), CodeChecksum.of(two), "an entry with other bytes (another CRC-32) changes it");

        Path rules = Path.of("rules");
        assertNotEquals(CompiledRuleCache.key(rules, "f", CodeChecksum.of(one)), CompiledRuleCache.key(rules, "f", CodeChecksum.of(two)));
        assertEquals(CompiledRuleCache.key(rules, "f", CodeChecksum.of(one)), CompiledRuleCache.key(rules, "f", CodeChecksum.of(same)));
    }

    /** A jar with one class entry holding {@code content}, at a fixed time (the central directory records it). */
    private static Path jar(Path file, String content) throws Exception {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            var entry = new java.util.zip.ZipEntry("io/posmortem/A.class");
            entry.setTime(0L);
            out.putNextEntry(entry);
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return file;
    }

    /** Stands for a cached pack compiled against other code: reading it fails to link, as a removed method would. */
    static final class Unlinkable implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(java.io.ObjectInputStream in) {
            throw new NoSuchMethodError("'double io.posmortem.model.positional.RotaryPair.removed()'");
        }
    }

    @Test
    void aCachedPackThatDoesNotLinkIsRecompiledWithOneWarning(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        System.setProperty("posmortem.cache", cache.toString());
        KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        Path rules = Path.of("rules");
        System.setProperty("posmortem.cache", "off");
        String fingerprint = RulePack.load(rules, kb).fingerprint();
        System.setProperty("posmortem.cache", cache.toString());
        Files.createDirectories(cache);
        Path entry = cache.resolve(CompiledRuleCache.key(rules, fingerprint) + ".kpkg");
        try (var out = new java.io.ObjectOutputStream(Files.newOutputStream(entry))) {
            out.writeObject(new Unlinkable());
        }

        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        RulePack pack;
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            pack = RulePack.load(rules, kb);
        } finally {
            System.setErr(err);
        }
        String warning = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, warning.lines().count(), warning);
        assertTrue(warning.contains("does not match this build") && warning.contains("NoSuchMethodError"), warning);
        assertEquals(fingerprint, pack.fingerprint());
        assertTrue(pack.rules().containsKey("conclude.standing-diagnosed"), "recompiled");
        assertNotNull(CompiledRuleCache.read(rules, fingerprint, System.err), "the recompiled pack replaced the stale entry");
    }

    @Test
    void onlyTheEntriesUsedLastAreKept(@TempDir Path dir) throws Exception {
        // Entry i was used i minutes ago; entry 19 is read now, which marks it as used.
        long now = System.currentTimeMillis();
        List<Path> entries = new java.util.ArrayList<>();
        for (int i = 0; i < CompiledRuleCache.KEPT + 4; i++) {
            Path entry = dir.resolve(String.format("%02d.kpkg", i));
            Files.writeString(entry, "x");
            Files.setLastModifiedTime(entry, java.nio.file.attribute.FileTime.fromMillis(now - i * 60_000L));
            entries.add(entry);
        }
        Path other = Files.writeString(dir.resolve("notes.txt"), "not an entry");
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(0));

        System.setProperty("posmortem.cache", dir.toString());
        KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        Path rules = Path.of("rules");
        String fingerprint = RulePack.load(rules, kb).fingerprint();
        Path real = dir.resolve(CompiledRuleCache.key(rules, fingerprint) + ".kpkg");
        assertTrue(Files.exists(real), "the load wrote its entry");
        Files.setLastModifiedTime(real, java.nio.file.attribute.FileTime.fromMillis(now - 100 * 60_000L));
        assertNotNull(CompiledRuleCache.read(rules, fingerprint, System.err));
        assertTrue(Files.getLastModifiedTime(real).toMillis() >= now - 60_000L, "a read marks its entry as used");

        CompiledRuleCache.prune(dir);
        List<Path> kept;
        try (Stream<Path> files = Files.list(dir)) {
            kept = files.filter(p -> p.toString().endsWith(".kpkg")).sorted().toList();
        }
        List<Path> expected = new java.util.ArrayList<>(entries.subList(0, CompiledRuleCache.KEPT - 1));
        expected.add(real);
        assertEquals(expected.stream().sorted().toList(), kept);
        assertTrue(Files.exists(other), "files that are not entries stay");
    }

    @Test
    void theCacheCanBeTurnedOff() {
        System.setProperty("posmortem.cache", "off");
        assertNull(CompiledRuleCache.directory());
    }
}
