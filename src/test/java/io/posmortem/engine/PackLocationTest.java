package io.posmortem.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.inference.RulePack;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which rule pack and knowledge base a command reads: option, environment, working directory, bundled. */
class PackLocationTest {

    private static final Function<String, Path> BUNDLED = name -> Path.of("jar!", name);

    @Test
    void optionsWinOverEverything(@TempDir Path cwd) throws Exception {
        checkout(cwd);
        PackLocation p = PackLocation.resolve(Path.of("my-rules"), Path.of("my-kb"),
                Map.of("POSMORTEM_RULES", "env-rules", "POSMORTEM_KB", "env-kb"), cwd, BUNDLED);
        assertEquals(new PackLocation(Path.of("my-rules"), Path.of("my-kb")), p);
    }

    @Test
    void theEnvironmentWinsOverTheWorkingDirectory(@TempDir Path cwd) throws Exception {
        checkout(cwd);
        PackLocation p = PackLocation.resolve(null, null, Map.of("POSMORTEM_RULES", "env-rules", "POSMORTEM_KB", "env-kb"), cwd, BUNDLED);
        assertEquals(new PackLocation(Path.of("env-rules"), Path.of("env-kb")), p);
        PackLocation rulesOnly = PackLocation.resolve(null, null, Map.of("POSMORTEM_RULES", "env-rules"), cwd, BUNDLED);
        assertEquals(new PackLocation(Path.of("env-rules"), Path.of("knowledge-base")), rulesOnly, "each is resolved on its own");
    }

    @Test
    void aCheckoutInTheWorkingDirectoryWinsOverTheBundledPack(@TempDir Path cwd) throws Exception {
        checkout(cwd);
        assertEquals(new PackLocation(Path.of("rules"), Path.of("knowledge-base")), PackLocation.resolve(null, null, Map.of(), cwd, BUNDLED));
    }

    @Test
    void elsewhereTheBundledPackIsRead(@TempDir Path cwd) throws Exception {
        assertEquals(new PackLocation(BUNDLED.apply("rules"), BUNDLED.apply("knowledge-base")),
                PackLocation.resolve(null, null, Map.of(), cwd, BUNDLED));
        // A lone ./rules (any project may have one) is not a posmortem checkout.
        Files.createDirectories(cwd.resolve("rules"));
        assertEquals(BUNDLED.apply("rules"), PackLocation.resolve(null, null, Map.of("POSMORTEM_KB", ""), cwd, BUNDLED).rules());
        assertEquals(BUNDLED.apply("knowledge-base"), PackLocation.resolve(null, null, Map.of("POSMORTEM_KB", ""), cwd, BUNDLED).kb(),
                "an empty variable is unset");
    }

    /**
     * The bundled pack (here target/classes, where the build copies rules/ and knowledge-base/)
     * has the fingerprints of the repository's directories: the same bytes under the same relative names.
     */
    @Test
    void theBundledPackHasTheFingerprintsOfTheRepositoryPack() throws Exception {
        Path rules = PackLocation.bundled("rules");
        Path kbDir = PackLocation.bundled("knowledge-base");
        assertTrue(PackLocation.isBundled(rules) && PackLocation.isBundled(kbDir));
        assertTrue(!PackLocation.isBundled(Path.of("rules")));
        assertTrue(PackLocation.describe(rules).startsWith("bundled"), PackLocation.describe(rules));
        assertEquals("bundled", PackLocation.bundledParts(rules, kbDir));
        assertEquals("rules bundled", PackLocation.bundledParts(rules, Path.of("knowledge-base")));
        assertEquals("knowledge base bundled", PackLocation.bundledParts(Path.of("rules"), kbDir));
        assertEquals(null, PackLocation.bundledParts(Path.of("rules"), Path.of("knowledge-base")), "reports from directories stay as they were");
        KnowledgeBase bundledKb = KnowledgeBaseLoader.load(kbDir);
        KnowledgeBase repoKb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        assertEquals(repoKb.fingerprint(), bundledKb.fingerprint());
        assertEquals(RulePack.load(Path.of("rules"), repoKb).fingerprint(), RulePack.load(rules, bundledKb).fingerprint());
    }

    private static void checkout(Path cwd) throws Exception {
        Files.createDirectories(cwd.resolve("rules"));
        Files.createDirectories(cwd.resolve("knowledge-base"));
    }
}
