package io.posmortem.model.knowledge;

import java.util.List;
import java.util.Map;

/**
 * A positional mechanism posmortem can compute numbers for.
 *
 * @param family   {@code rope}, {@code alibi} or {@code t5}
 * @param method   the evidence engine's method for the family (e.g. {@code linear}, {@code yarn})
 * @param defaults parameter defaults used when neither the build nor a fix gives them
 */
public record Mechanism(
        String id,
        String family,
        String method,
        String title,
        String formula,
        Map<String, Double> defaults,
        List<String> references) implements java.io.Serializable {}
