package io.posmortem.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-rule cache: hits give the same pack; any change to a rule file misses and recompiles. */
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
        assertNotNull(CompiledRuleCache.read(rules, first.fingerprint()), "written after the first compilation");
        RulePack second = RulePack.load(rules, kb);
        assertEquals(first.rules(), second.rules(), "the cached pack has the same rules, files and lines");

        Path verdict = rules.resolve("4-conclusion/verdict.drl");
        Files.writeString(verdict, Files.readString(verdict).replace("is the diagnosis\")", "is the answer\")"));
        RulePack changed = RulePack.load(rules, kb);
        assertTrue(!changed.fingerprint().equals(first.fingerprint()));
        assertTrue(changed.rules().get("conclude.standing-diagnosed").explanation().contains("is the answer"), "recompiled");
    }

    @Test
    void theCacheCanBeTurnedOff() {
        System.setProperty("posmortem.cache", "off");
        assertNull(CompiledRuleCache.directory());
    }
}
