package io.posmortem.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.Problem;
import io.posmortem.model.ProblemsException;
import io.posmortem.model.knowledge.RetrofitKind;
import io.posmortem.model.knowledge.RootCause;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped knowledge base loads and is consistent; a broken copy reports every problem, located. */
class KnowledgeBaseLoaderTest {

    @Test
    void shippedKnowledgeBaseLoads() throws Exception {
        KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        assertTrue(kb.hypotheses().keySet().containsAll(List.of("uniform-rope-interpolation", "ntk-aware-base-change",
                "rope-extrapolation", "alibi-linear-bias", "t5-bucketed-bias")));
        assertTrue(kb.capabilities().keySet().containsAll(List.of("local-syntax", "long-range-reference",
                "early-instruction-adherence", "recency-bias", "position-precision", "output-consistency")));
        RetrofitKind loose = kb.retrofitKinds().get("rope-base-scaling");
        assertTrue(loose.loose());
        RetrofitKind unknown = kb.retrofitKinds().get("relative-bias-unknown");
        assertEquals(List.of("alibi-linear-bias", "t5-bucketed-bias"), unknown.candidates());
        for (RootCause h : kb.hypotheses().values()) {
            assertNotNull(kb.questions().get(h.question()), h.id());
            assertTrue(!h.whyNot().isBlank() && !h.summary().isBlank(), h.id());
        }
        assertEquals(64, kb.fingerprint().length());
        assertEquals(32, kb.evidenceSettings().localMinTurns());
    }

    @Test
    void brokenReferencesAreAllReportedWithLineAndHint(@TempDir Path dir) throws Exception {
        for (String name : KnowledgeBaseLoader.FILES) Files.copy(Path.of("knowledge-base", name), dir.resolve(name));
        Path hypotheses = dir.resolve("hypotheses.yaml");
        Files.writeString(hypotheses, Files.readString(hypotheses).replace("mechanism: rope-linear", "mechanism: rope-linaer")
                .replace("fixes: [frequency-aware-rope-scaling]\n    references: [bloc97-2023-ntk", "fixes: [frequency-aware-rope-scalin]\n    references: [bloc97-2023-ntk"));
        Path thresholds = dir.resolve("thresholds.yaml");
        Files.writeString(thresholds, Files.readString(thresholds).replace("  - id: evidence.alibi-unreachable-nats\n    value: 20",
                "  - id: evidence.alibi-unreachable-natz\n    value: 20\n    units: nats"));
        List<Problem> problems = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(dir)).problems();
        String all = problems.stream().map(Problem::oneLine).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(all.contains("unknown mechanism 'rope-linaer' — did you mean 'rope-linear'?"), all);
        assertTrue(all.contains("unknown fix 'frequency-aware-rope-scalin' — did you mean 'frequency-aware-rope-scaling'?"), all);
        assertTrue(all.contains("unknown field 'units' — did you mean 'unit'?"), all);
        assertTrue(all.contains("threshold 'evidence.alibi-unreachable-nats' is required"), all);
        assertTrue(problems.stream().filter(p -> p.source().endsWith("hypotheses.yaml")).allMatch(p -> p.line() > 0), all);
    }

    @Test
    void theTaskMapNamesOnlyKnownCapabilitiesAndMeasures(@TempDir Path dir) throws Exception {
        for (String name : KnowledgeBaseLoader.FILES) Files.copy(Path.of("knowledge-base", name), dir.resolve(name));
        Path tasks = dir.resolve("eval-tasks.yaml");
        Files.writeString(tasks, Files.readString(tasks)
                .replace("capability: early-instruction-adherence", "capability: early-instruction-adherance")
                .replace("    measure: perplexity\n", "    measure: perplexit\n"));
        List<Problem> problems = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(dir)).problems();
        String all = problems.stream().map(Problem::oneLine).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(all.contains("unknown capability 'early-instruction-adherance' — did you mean 'early-instruction-adherence'?"), all);
        assertTrue(all.contains("eval-tasks.yaml") && all.contains("/measure"), all);
    }

    @Test
    void theShippedTaskMapCoversTheHarnessesTasks() throws Exception {
        KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        java.util.function.BiFunction<String, String, String> capability = (task, depth) -> kb.evalTasks().stream()
                .filter(t -> t.covers(task, depth)).findFirst().map(t -> t.capability() + "/" + t.measure()).orElse(null);
        assertEquals("early-instruction-adherence/accuracy", capability.apply("needle", "early"));
        assertEquals("long-range-reference/accuracy", capability.apply("needle", "late"));
        assertEquals("long-range-reference/accuracy", capability.apply("NIAH_Single_1", null));
        assertEquals("long-range-reference/accuracy", capability.apply("ruler_vt", null));
        assertEquals("output-quality/accuracy", capability.apply("cwe", null));
        assertEquals("output-quality/score", capability.apply("longbench_narrativeqa", null));
        assertEquals("output-quality/perplexity", capability.apply("wikitext", null));
        assertEquals(null, capability.apply("needle", null)); // a needle entry needs its depth class
        assertEquals(null, capability.apply("hellaswag", null));
        assertEquals(10.0, kb.needleEarlyDepth());
    }

    @Test
    void anEnginesSlidingWindowBehaviourNeedsASourceAndAKnownBackendAndState(@TempDir Path dir) throws Exception {
        for (String name : KnowledgeBaseLoader.FILES) Files.copy(Path.of("knowledge-base", name), dir.resolve(name));
        Path engines = dir.resolve("engines.yaml");
        Files.writeString(engines, Files.readString(engines)
                .replace("  - id: ollama\n    name: Ollama\n    aliases: [ollama]\n",
                        "  - id: ollama\n    name: Ollama\n    aliases: [ollama]\n    sliding_window: {sdpa: applied}\n")
                .replace("  - id: tgi\n    name: Text Generation Inference (TGI)\n",
                        "  - id: tgi\n    name: Text Generation Inference (TGI)\n    sliding_window: {flash-attn: ignored}\n    references: [jiang2023-mistral]\n"));
        List<Problem> problems = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(dir)).problems();
        String all = problems.stream().map(Problem::oneLine).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(all.contains("engine ollama states how its attention backends treat a sliding window without a source"), all);
        assertTrue(all.contains("flash-attn"), all);
        assertTrue(all.contains("ignored"), all);
    }

    @Test
    void theShippedEnginesSayWhichBackendsApplyASlidingWindow() throws Exception {
        // transformers #29623 / Qwen2's load warning: flash_attention_2 applies it, sdpa does not for some models;
        // vLLM #48011, #9679, #3385, #24358: flash-attention, xformers and flex apply it or refuse the model.
        var kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        assertEquals("not-implemented", kb.engines().get("transformers").slidingWindowOf("sdpa"));
        assertEquals("applied", kb.engines().get("transformers").slidingWindowOf("flash-attention"));
        assertEquals(null, kb.engines().get("transformers").slidingWindowOf("eager"), "the sources disagree by model family");
        assertEquals("applied", kb.engines().get("vllm").slidingWindowOf("flash-attention"));
        assertEquals(null, kb.engines().get("llama.cpp").slidingWindowOf("flash-attention"));
    }

    @Test
    void aMissingFileIsReported(@TempDir Path dir) {
        // callers that only report problems catch the common base
        List<Problem> problems = assertThrows(ProblemsException.class, () -> KnowledgeBaseLoader.load(dir)).problems();
        assertEquals(KnowledgeBaseLoader.FILES.size(), problems.size());
        assertEquals("input.not-found", problems.get(0).code());
    }
}
