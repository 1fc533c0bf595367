package io.posmortem.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.knowledge.ServingEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The free-text runtime.engine of symptom files read against the shipped engines.yaml. */
class EngineNamesTest {

    private static KnowledgeBase kb() throws Exception {
        return KnowledgeBaseLoader.load(Path.of("knowledge-base"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "llama.cpp (server)|llama.cpp",
            "vLLM 0.6.3|vllm",
            "vllm (OpenAI-compatible server)|vllm",
            "Ollama|ollama",
            "Ollama (llama.cpp runner)|ollama",
            "transformers (trust_remote_code)|transformers",
            "TGI 2.1.0|tgi",
            "text-generation-inference|tgi",
            "exllamav2 (exui)|exllamav2",
            "LM Studio 0.3|lm-studio",
            "SGLang|sglang",
            "MLX|mlx",
            "mlx-lm 0.20|mlx",
            "ik_llama.cpp|llama.cpp",
            "llama-cpp-python (LangChain LlamaCpp)|llama-cpp-python",
            "unsloth (FastLanguageModel)|unsloth"})
    void namesTheEngine(String text, String engine) throws Exception {
        assertEquals(engine, kb().engineOf(text).map(ServingEngine::id).orElse("none"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"an outgoing proxy", "gpt-fast", "deepseek.cpp", "an engine with generic YaRN", "vllmx"})
    void namesNoEngineInsideOtherWords(String text) throws Exception {
        assertEquals("none", kb().engineOf(text).map(ServingEngine::id).orElse("none"));
    }

    @Test
    void noTextNamesNoEngine() throws Exception {
        assertEquals("none", kb().engineOf(null).map(ServingEngine::id).orElse("none"));
    }

    @Test
    void atTheSamePlaceTheLongerAliasWins() {
        ServingEngine shortName = new ServingEngine("a", "A", java.util.List.of("llama"), java.util.Map.of(), java.util.Map.of(), java.util.List.of());
        ServingEngine longName = new ServingEngine("b", "B", java.util.List.of("llama server"), java.util.Map.of(), java.util.Map.of(), java.util.List.of());
        assertEquals("b", EngineNames.match("Llama Server 2", java.util.List.of(shortName, longName)).orElseThrow().id());
        assertEquals("a", EngineNames.match("llama 2", java.util.List.of(shortName, longName)).orElseThrow().id());
    }
}
