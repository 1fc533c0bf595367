package io.posmortem.model.input;

import io.posmortem.model.Tri;

/**
 * How the runtime assigns positions beyond the plain 0, 1, 2, ... of one sequence: context shifts,
 * padding, packing, chunked prefill and non-uniform remapping. A yes/no not reported is
 * {@link Tri#UNKNOWN}; a number not reported is null.
 *
 * @param contextShift         whether a full context drops old tokens and re-rotates the cached keys
 * @param keep                 tokens at the start a shift keeps (llama.cpp {@code n_keep})
 * @param leftPadding          whether batched prompts are left-padded
 * @param positionIdsFromMask  whether position ids restart after each row's padding
 * @param packedSequences      whether documents are packed into one sequence
 * @param positionReset        whether packed documents restart at position 0
 * @param chunkedPrefill       whether long prompts are prefilled in chunks
 * @param remap                a non-uniform position remapping, or null
 */
public record PositionHandling(
        Tri contextShift,
        Integer keep,
        Tri leftPadding,
        Tri positionIdsFromMask,
        Tri packedSequences,
        Tri positionReset,
        Tri chunkedPrefill,
        PositionRemap remap) {

    public static final PositionHandling UNREPORTED = new PositionHandling(Tri.UNKNOWN, null, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN,
            Tri.UNKNOWN, Tri.UNKNOWN, null);

    /**
     * A non-uniform remapping of positions.
     *
     * @param method         {@code self-extend}, {@code dual-chunk} or {@code rerope}
     * @param groupSize      Self-Extend's group size G, or null
     * @param neighborWindow exact positions up to this many tokens back (Self-Extend W, ReRoPE's window), or null
     * @param chunkSize      dual chunk attention's chunk size, or null
     */
    public record PositionRemap(String method, Integer groupSize, Integer neighborWindow, Integer chunkSize) {}
}
