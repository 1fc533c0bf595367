package io.posmortem.model.evidence;

import io.posmortem.model.*;
import io.posmortem.model.input.LayerScheme;

/**
 * Layers of the build's model whose positional scheme differs from the model's default, as a fact
 * for the rules; inserted only when the symptom file gives {@code model.layers}. Fields not given
 * are null ({@code localScaled}: {@link Tri#UNKNOWN}).
 *
 * @param globalEvery      every how many layers one is global, the others local
 * @param localRopeBase    RoPE base of the local layers (null: the model's base)
 * @param localWindow      sliding window of the local layers, in tokens
 * @param localScaled      whether rope_scaling applies to the local layers too
 * @param nopeEvery        every how many layers one has no positional encoding
 * @param chunkedAttention local layers attend within chunks of this many tokens
 */
public record ModelLayers(
        String build,
        Integer globalEvery,
        Double localRopeBase,
        Integer localWindow,
        Tri localScaled,
        Integer nopeEvery,
        Integer chunkedAttention) implements BuildScoped {

    public static ModelLayers of(String build, LayerScheme l) {
        return new ModelLayers(build, l.globalEvery(), l.localRopeBase(), l.localWindow(), l.localScaled(), l.nopeEvery(), l.chunkedAttention());
    }
}
