package io.posmortem.model.input;

import io.posmortem.model.Tri;

/**
 * Layers whose positional scheme differs from the model's default (symptom file {@code model.layers});
 * any field may be null when not given.
 *
 * @param globalEvery      every how many layers one is global (Gemma 3: 6), the others local
 * @param localRopeBase    RoPE base of the local layers (Gemma 3: 10,000); null: the model's base
 * @param localWindow      sliding window of the local layers, in tokens
 * @param localScaled      whether rope_scaling applies to the local layers too
 * @param nopeEvery        every how many layers one has no positional encoding (Llama 4: 4)
 * @param chunkedAttention local layers attend within chunks of this many tokens (Llama 4: 8,192)
 */
public record LayerScheme(
        Integer globalEvery,
        Double localRopeBase,
        Integer localWindow,
        Tri localScaled,
        Integer nopeEvery,
        Integer chunkedAttention) {}
