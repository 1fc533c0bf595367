package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * The model's config.json as loaders read it, a fact for config lint.
 *
 * @param blockKey         {@code rope_scaling} or {@code rope_parameters}, or null without a block
 * @param ropeType         the block's type ({@code rope_type} or the older {@code type}), or null
 * @param factor           the block's factor, or null when absent
 * @param originalInBlock  original_max_position_embeddings inside the block, or null
 * @param originalTopLevel original_max_position_embeddings at the top level (Phi-3), or null
 * @param maxPositions     max_position_embeddings, or null
 * @param ropeTheta        rope_theta as given (null when absent: loaders default to 10000)
 * @param windowRatio      max_position_embeddings / original_max_position_embeddings (in the block), or null
 */
public record ConfigReading(
        String build,
        String source,
        String encoding,
        String blockKey,
        String ropeType,
        Double factor,
        Integer originalInBlock,
        Integer originalTopLevel,
        Integer maxPositions,
        Double ropeTheta,
        Double windowRatio) implements BuildScoped {}
