package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * A model that interleaves RoPE layers with layers trained without positions (Llama 4's iRoPE:
 * {@code model.layers.nope_every}), with what an engine that serves them otherwise than trained
 * changes (evidence stage).
 *
 * @param nopeEvery        one layer in this many has no positional encoding
 * @param nopeLayerShare   share of the layers without positions, {@code 1 / nope_every}
 * @param ropeLayerShare   share of the RoPE layers, {@code (nope_every - 1) / nope_every}
 * @param chunkSize        the chunk the RoPE layers attend within ({@code model.layers.chunked_attention}; 0: none)
 * @param targetContext    the length served
 * @param rotaryPairs      rotary pairs per head
 * @param chunkBoundPairs  pairs that turn less than once over a chunk (chunk x inverse frequency below
 *                         2 pi): distances past the chunk take them to angles the RoPE layers never saw
 * @param unchunkedFrom    the first length at which unchunked RoPE layers meet a distance past the
 *                         chunk, chunk + 1 (-1: the target stays within one chunk, or no chunk)
 * @param fastestAngle     the fastest pair's angle per token, radians: what a rotation on the NoPE
 *                         layers injects at position 1
 * @param nopeDivergesFrom the first position at which RoPE on the NoPE layers moves a coordinate by
 *                         more than {@code evidence.angle-error-tolerance}
 */
public record IropeLayerProfile(
        String build,
        int nopeEvery,
        double nopeLayerShare,
        double ropeLayerShare,
        int chunkSize,
        int targetContext,
        int rotaryPairs,
        int chunkBoundPairs,
        int unchunkedFrom,
        double fastestAngle,
        int nopeDivergesFrom) implements BuildScoped {}
