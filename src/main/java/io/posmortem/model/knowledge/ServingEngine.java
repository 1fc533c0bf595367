package io.posmortem.model.knowledge;

import java.util.List;
import java.util.Map;

/**
 * An inference engine posmortem can name settings for ({@code engines.yaml}).
 *
 * @param aliases    lower-case names that identify the engine in a symptom file's free-text
 *                   {@code runtime.engine} ("vLLM 0.6.3", "llama.cpp (server)")
 * @param scaling    how the engine applies a length-dependent rope_scaling type: {@code dynamic} ->
 *                   {@code static}, {@code per-length} or {@code ignored}; {@code longrope} ->
 *                   {@code by-allocation}, {@code mid-sequence} or {@code at-crossing-reprefill}
 * @param slidingWindow how the engine's attention backends treat a model's trained sliding window,
 *                   by backend wire name ({@code runtime.attention_backend}): {@code applied} (the
 *                   backend applies it, or refuses to serve a sliding-window model) or
 *                   {@code not-implemented} (the engine's code or maintainers say the backend does
 *                   not implement it, for some of its models or versions)
 * @param references literature ids documenting {@code scaling} and {@code slidingWindow}
 */
public record ServingEngine(String id, String name, List<String> aliases, Map<String, String> scaling, Map<String, String> slidingWindow,
                            List<String> references) implements java.io.Serializable {

    /** How the engine applies {@code method} ({@code dynamic}, {@code longrope}), or null when not known. */
    public String scalingOf(String method) {
        return scaling.get(method);
    }

    /** How {@code backend} treats a trained sliding window ({@code applied}, {@code not-implemented}), or null when not known. */
    public String slidingWindowOf(String backend) {
        return backend == null ? null : slidingWindow.get(backend);
    }
}
