package io.posmortem.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.FixVerification;
import io.posmortem.model.Problem;
import io.posmortem.model.knowledge.EngineSetting;
import io.posmortem.model.knowledge.FixOption;
import io.posmortem.model.knowledge.RootCause;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hypothesis has a fix; numeric fixes carry a mechanism, check-and-change fixes a check and
 * settings for known engines with sourced references; a broken fixes.yaml or engines.yaml is
 * reported, located.
 */
class FixKnowledgeTest {

    private static final KnowledgeBase KB = load();

    private static KnowledgeBase load() {
        try {
            return KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        } catch (KnowledgeBaseException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    @Test
    void everyHypothesisHasAFix() {
        for (RootCause h : KB.hypotheses().values()) {
            assertFalse(h.fixes().isEmpty(), h.id() + " has no fix in fixes.yaml");
        }
    }

    @Test
    void numericFixesHaveMechanismsAndInstructionsHaveSourcedSettings() {
        for (FixOption f : KB.fixes().values()) {
            if (f.verification() == FixVerification.NUMERIC) {
                assertNotNull(KB.mechanisms().get(f.mechanism()), f.id());
                assertTrue(f.settings().isEmpty() && f.check() == null, f.id());
                continue;
            }
            assertNull(f.mechanism(), f.id());
            assertNotNull(f.check(), f.id());
            assertFalse(f.settings().isEmpty(), f.id());
            for (EngineSetting s : f.settings()) {
                assertNotNull(KB.engines().get(s.engine()), f.id() + ": " + s.engine());
                String url = KB.references().get(s.reference()).url();
                assertTrue(url.startsWith("https://"), f.id() + ": " + s.reference() + " has no URL");
            }
        }
    }

    @Test
    void theKvCacheFixNeedsAQuantizedCache() {
        assertEquals(List.of("8-bit", "4-bit"), KB.fixPreconditions().stream().filter(c -> c.fix().equals("kv-cache-full-precision"))
                .filter(c -> c.fact().equals("kv-cache")).findFirst().orElseThrow().states());
    }

    @Test
    void brokenFixesAndEnginesAreReportedWithPointers(@TempDir Path dir) throws Exception {
        for (String name : KnowledgeBaseLoader.FILES) Files.copy(Path.of("knowledge-base", name), dir.resolve(name));
        Path fixes = dir.resolve("fixes.yaml");
        String text = Files.readString(fixes)
                .replace("      - engine: vllm\n        change: \"--kv-cache-dtype auto", "      - engine: vllmm\n        change: \"--kv-cache-dtype auto")
                .replace("applies_when: {kv-cache: [8-bit, 4-bit]}", "applies_when: {kv-cache: [2-bit]}")
                .replace("    title: Serve the RoPE the model was configured and trained with\n    mechanism: rope-configured\n",
                        "    title: Serve the RoPE the model was configured and trained with\n")
                .replace("    title: Keep prompts within the learned position table\n    verification: instruction\n",
                        "    title: Keep prompts within the learned position table\n    verification: instruction\n    mechanism: rope-default\n");
        Files.writeString(fixes, text);
        Path engines = dir.resolve("engines.yaml");
        Files.writeString(engines, Files.readString(engines).replace("aliases: [sglang]", "aliases: [sglang, vllm]"));
        List<Problem> problems = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(dir)).problems();
        String all = problems.stream().map(Problem::oneLine).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(all.contains("unknown engine 'vllmm' — did you mean 'vllm'?"), all);
        assertTrue(all.contains("fact 'kv-cache' has no state '2-bit'"), all);
        assertTrue(all.contains("a numeric fix needs the mechanism whose numbers it produces"), all);
        assertTrue(all.contains("an instruction fix has no numbers to compute"), all);
        assertTrue(all.contains("alias 'vllm' already names engine vllm"), all);
        assertTrue(problems.stream().filter(p -> p.source().endsWith("fixes.yaml")).allMatch(p -> p.line() > 0 && p.pointer().startsWith("/fixes/")), all);
    }

    @Test
    void anInstructionNeedsSettingsAndACheck(@TempDir Path dir) throws Exception {
        for (String name : KnowledgeBaseLoader.FILES) Files.copy(Path.of("knowledge-base", name), dir.resolve(name));
        Path fixes = dir.resolve("fixes.yaml");
        String text = Files.readString(fixes);
        int at = text.indexOf("  - id: stay-within-nope-length");
        int end = text.indexOf("\n  - id: ", at + 1);
        String entry = "  - id: stay-within-nope-length\n    title: t\n    verification: instruction\n    summary: s\n    caveat: c\n"
                + "    references: [wang2024-nope]\n";
        Files.writeString(fixes, text.substring(0, at) + entry + text.substring(end + 1));
        List<Problem> problems = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(dir)).problems();
        String all = problems.stream().map(Problem::oneLine).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(all.contains("an instruction fix needs the setting per engine"), all);
        assertTrue(all.contains("an instruction fix needs the check to run after the change"), all);
    }
}
