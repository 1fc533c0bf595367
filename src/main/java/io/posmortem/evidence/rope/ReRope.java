package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;

/**
 * ReRoPE (Su 2023, reference code {@code bojone/rerope}, {@code rerope_patch.py}): every relative
 * distance at or beyond the window w is clamped to w, {@code d' = min(d, w)}. With w below the
 * trained length L no distance is ever untrained (the reference patch uses w = 512 for L = 4096);
 * with w at or past L the clamp comes too late, and distances from L on are untrained.
 */
public final class ReRope {
    private ReRope() {}

    /** The largest distance seen in a sequence of {@code length} tokens: {@code min(length - 1, w)}. */
    public static long largestDistance(int length, int window) {
        Domain.atLeast("length", length, 1);
        Domain.atLeast("window", window, 1);
        return Math.min(length - 1L, window);
    }

    /** The first length with a distance the model never saw: {@code trained + 1} for a window at or past the trained length, else -1 (none). */
    public static long exceedsFrom(int trained, int window) {
        Domain.atLeast("trained length", trained, 1);
        Domain.atLeast("window", window, 1);
        return window >= trained ? trained + 1L : -1L;
    }
}
