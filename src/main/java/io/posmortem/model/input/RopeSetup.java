package io.posmortem.model.input;

import io.posmortem.model.positional.*;

/**
 * A model's RoPE as a Hugging Face config describes it.
 *
 * @param headDim         head dimension
 * @param rotaryDims      rotated dimensions: {@code int(headDim * partialRotaryFactor)}
 * @param base            rope_theta
 * @param mapping         the frequency mapping the rope_scaling / rope_parameters block selects (null when a
 *                        lenient read met a block it cannot read)
 * @param trainedContext  the window the model was trained with (original_max_position_embeddings,
 *                        else max_position_embeddings)
 * @param maxPositions    max_position_embeddings
 */
public record RopeSetup(int headDim, int rotaryDims, double base, RopeMapping mapping, int trainedContext, int maxPositions) {}
