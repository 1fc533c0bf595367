package io.posmortem.model.evidence;

import io.posmortem.model.*;
import io.posmortem.model.input.PositionHandling;

/**
 * How the build's runtime assigns positions, as a fact for the rules; one per build, inserted
 * whether or not the file reports any of it. A yes/no not reported is {@link Tri#UNKNOWN}, a
 * number null.
 *
 * @param contextShift        whether a full context drops old tokens and re-rotates the cached keys
 * @param keep                tokens at the start a shift keeps, or null
 * @param leftPadding         whether batched prompts are left-padded
 * @param positionIdsFromMask whether position ids restart after each row's padding
 * @param packedSequences     whether documents are packed into one sequence
 * @param positionReset       whether packed documents restart at position 0
 * @param chunkedPrefill      whether long prompts are prefilled in chunks
 * @param remapMethod         {@code self-extend}, {@code dual-chunk} or {@code rerope}, or null
 * @param groupSize           Self-Extend's group size, or null
 * @param neighborWindow      exact positions up to this many tokens back under a remapping, or null
 * @param chunkSize           dual chunk attention's chunk size, or null
 */
public record PositionReport(
        String build,
        Tri contextShift,
        Integer keep,
        Tri leftPadding,
        Tri positionIdsFromMask,
        Tri packedSequences,
        Tri positionReset,
        Tri chunkedPrefill,
        String remapMethod,
        Integer groupSize,
        Integer neighborWindow,
        Integer chunkSize) implements BuildScoped {

    public static PositionReport of(String build, PositionHandling p) {
        PositionHandling.PositionRemap r = p.remap();
        return new PositionReport(build, p.contextShift(), p.keep(), p.leftPadding(), p.positionIdsFromMask(), p.packedSequences(),
                p.positionReset(), p.chunkedPrefill(), r == null ? null : r.method(), r == null ? null : r.groupSize(),
                r == null ? null : r.neighborWindow(), r == null ? null : r.chunkSize());
    }
}
