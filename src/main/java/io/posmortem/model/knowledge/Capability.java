package io.posmortem.model.knowledge;

import java.util.List;

/**
 * A model capability users observe, from the knowledge-base taxonomy.
 *
 * @param scope what range of positions it depends on: {@code local}, {@code long-range},
 *              {@code balance} (weighting recent against early context), {@code precision}
 *              (telling far positions apart), {@code consistency}; prediction rules select by it
 * @param degradedMeans what "degraded" means for this capability, in users' words
 */
public record Capability(String id, String title, String scope, String degradedMeans, List<String> examples) implements java.io.Serializable {

    /** The scopes prediction rules know (knowledge-base/capabilities.yaml documents each). */
    public static final java.util.Set<String> SCOPES = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(
            "local", "long-range", "balance", "precision", "consistency", "overall", "coherence")));
}
