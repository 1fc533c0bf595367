package io.posmortem.evidence.rope;

import io.posmortem.model.evidence.PositionReport;
import io.posmortem.model.evidence.RemapReach;
import java.util.List;

/** The reach of the position remapping a build's runtime reports, by its method ({@link SelfExtend}, {@link DualChunkAttention}, {@link ReRope}). */
public final class PositionRemapping {
    private PositionRemapping() {}

    /**
     * The remap's reach against {@code trained} tokens at {@code target} tokens; empty when the
     * runtime reports no remapping, or not the parameters its formula needs (Self-Extend: group
     * size and window; dual chunk attention: chunk size; ReRoPE: window).
     */
    public static List<RemapReach> of(PositionReport p, int trained, int target) {
        if (p.remapMethod() == null) return List.of();
        Integer w = p.neighborWindow();
        switch (p.remapMethod()) {
            case "self-extend" -> {
                if (w == null || p.groupSize() == null) return List.of();
                int g = p.groupSize();
                return List.of(new RemapReach(p.build(), "self-extend", trained, target, w,
                        SelfExtend.largestDistance(target, w, g), SelfExtend.exceedsFrom(trained, w, g)));
            }
            case "dual-chunk" -> {
                if (p.chunkSize() == null) return List.of();
                int chunk = p.chunkSize();
                return List.of(new RemapReach(p.build(), "dual-chunk", trained, target,
                        DualChunkAttention.chunkLength(chunk, w == null ? 0 : w),
                        DualChunkAttention.largestDistance(target, chunk), DualChunkAttention.exceedsFrom(trained, chunk)));
            }
            case "rerope" -> {
                if (w == null) return List.of();
                return List.of(new RemapReach(p.build(), "rerope", trained, target, w,
                        ReRope.largestDistance(target, w), ReRope.exceedsFrom(trained, w)));
            }
            default -> {
                return List.of();
            }
        }
    }
}
