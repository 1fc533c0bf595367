package io.posmortem.model.knowledge;

import java.util.List;

/**
 * An inference engine posmortem can name settings for ({@code engines.yaml}).
 *
 * @param aliases lower-case names that identify the engine in a symptom file's free-text
 *                {@code runtime.engine} ("vLLM 0.6.3", "llama.cpp (server)")
 */
public record ServingEngine(String id, String name, List<String> aliases) {}
