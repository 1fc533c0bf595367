package io.posmortem.inference;

import io.posmortem.model.CodeChecksum;
import io.posmortem.model.UserCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * Compiled rule packages on disk, so that a process that finds its rules unchanged skips the
 * compilation (seconds) and deserializes them (a fraction of a second). The key is the SHA-256 of
 * the rule files' contents, the rule directory's location (compiled rules remember their source
 * paths), the posmortem version, the Drools version, the Java version and a checksum of the code
 * ({@link CodeChecksum}: compiled rules call the fact classes' methods, so a rebuild with the same
 * version may not load them): any change means a recompile. A cached pack that no longer links
 * against the running code (a {@link LinkageError} or {@link ClassCastException} while reading it)
 * is recompiled with one warning line. The cache is {@link UserCache#directory()}. A cache that
 * cannot be read or written is ignored: the rules are compiled. Only the {@link #KEPT} entries
 * used last are kept.
 */
final class CompiledRuleCache {
    private CompiledRuleCache() {}

    static Path directory() {
        return UserCache.directory();
    }

    static String key(Path rulesDir, String rulesFingerprint) {
        return key(rulesDir, rulesFingerprint, CodeChecksum.ofRunningCode());
    }

    static String key(Path rulesDir, String rulesFingerprint, String codeChecksum) {
        String drools = KieBase.class.getPackage().getImplementationVersion();
        String text = rulesFingerprint + "\n" + rulesDir.toAbsolutePath().normalize().toUri() + "\n" + io.posmortem.model.WireName.class
                .getPackage().getImplementationVersion() + "\n" + drools + "\n" + System.getProperty("java.version") + "\n" + codeChecksum
                + "\n" + VERSION;
        return io.posmortem.model.Sha256.hex(text);
    }

    /** Bumped when the cached form changes. */
    private static final String VERSION = "2";

    /**
     * The cached rule base for these rules, or null when there is none (or it cannot be used); a
     * cached pack that does not link against the running code is reported on {@code warnings}.
     */
    static KieBase read(Path rulesDir, String rulesFingerprint, java.io.PrintStream warnings) {
        Path dir = directory();
        if (dir == null) return null;
        Path file = dir.resolve(key(rulesDir, rulesFingerprint) + ".kpkg");
        if (!Files.isRegularFile(file)) return null;
        try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(file)),
                CompiledRuleCache.class.getClassLoader())) {
            @SuppressWarnings("unchecked")
            List<KiePackage> packages = (List<KiePackage>) in.readObject();
            UserCache.markUsed(file);
            InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase();
            @SuppressWarnings({"unchecked", "rawtypes"})
            Collection<org.drools.base.definitions.InternalKnowledgePackage> internal = (Collection) packages;
            base.addPackages(internal);
            return base;
        } catch (LinkageError | ClassCastException e) {
            warnings.println("posmortem: the compiled-rule cache " + file + " does not match this build of posmortem ("
                    + e.getClass().getSimpleName() + "); recompiling the rules");
            warnings.flush();
            return null;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    static void write(Path rulesDir, String rulesFingerprint, KieBase kieBase) {
        Path dir = directory();
        if (dir == null) return;
        try {
            Files.createDirectories(dir);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
                out.writeObject(new ArrayList<>(kieBase.getKiePackages()));
            }
            io.posmortem.model.AtomicFiles.write(dir.resolve(key(rulesDir, rulesFingerprint) + ".kpkg"), bytes.toByteArray());
            prune(dir);
        } catch (IOException | RuntimeException e) {
            // An unwritable cache only costs the next run a compilation.
        }
    }

    /**
     * Compiled packs kept: every rule directory, edit of it and build of posmortem has its own entry
     * (1.7 MB for the bundled pack), so entries beyond the ones used last are removed when one is written.
     */
    static final int KEPT = 16;

    /** Removes all but the {@link #KEPT} entries used last (a read marks its entry). */
    static void prune(Path dir) throws IOException {
        UserCache.prune(dir, ".kpkg", KEPT);
    }
}
