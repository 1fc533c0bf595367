package io.posmortem.knowledge;

import io.posmortem.model.knowledge.ServingEngine;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the engine a symptom file names in its free-text {@code runtime.engine} ("vLLM 0.6.3",
 * "llama.cpp (server)", "Ollama") against the aliases of {@code engines.yaml}.
 *
 * <p>An alias matches where it occurs in the lower-cased text with no letter or digit right before
 * or after it ("tgi" does not match inside "outgoing"; "llama.cpp" matches "ik_llama.cpp" and
 * "llama.cpp-like"). When several engines match, the one named first in the text wins ("Ollama
 * (llama.cpp runner)" is Ollama); at the same position the longer alias, then file order.
 */
public final class EngineNames {
    private EngineNames() {}

    /** The engine {@code text} names, or empty when it is null or names none of {@code engines}. */
    public static Optional<ServingEngine> match(String text, Collection<ServingEngine> engines) {
        if (text == null) return Optional.empty();
        String lower = text.toLowerCase(Locale.ROOT);
        ServingEngine best = null;
        int bestAt = Integer.MAX_VALUE;
        int bestLength = 0;
        for (ServingEngine e : engines) {
            for (String alias : e.aliases()) {
                int at = firstStandalone(lower, alias);
                if (at < 0) continue;
                if (at < bestAt || (at == bestAt && alias.length() > bestLength)) {
                    best = e;
                    bestAt = at;
                    bestLength = alias.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Where {@code alias} first occurs in {@code text} between non-alphanumeric characters, or -1. */
    static int firstStandalone(String text, String alias) {
        for (int at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
            int end = at + alias.length();
            boolean openBefore = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean openAfter = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (openBefore && openAfter) return at;
        }
        return -1;
    }
}
