package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;

/**
 * Self-Extend (grouped attention; Jin et al. 2024, "LLM Maybe LongLM: Self-Extend LLM Context Window
 * Without Tuning", arXiv:2401.01325, eq. 3; llama.cpp {@code --grp-attn-n} G / {@code --grp-attn-w} W):
 * a relative distance d below the neighbour window W stays exact, a larger one is floor-divided into
 * groups of G, {@code d' = floor(d / G) + W - floor(W / G)}. The model only ever saw distances up
 * to L - 1 (L its trained length), so the remap holds as long as the largest remapped distance does:
 * for W divisible by G up to {@code (L - W) G + W} tokens (the paper authors' "max reachable length",
 * datamllab/LongLM issue 35). A window at or past L keeps distances of L and more exact, so nothing
 * is gained: every sequence longer than L already sees an untrained distance.
 */
public final class SelfExtend {
    private SelfExtend() {}

    /** The distance the model sees for relative distance {@code d} (paper eq. 3). */
    public static long remapped(long d, int window, int group) {
        check(window, group);
        Domain.atLeast("distance", (double) d, 0.0);
        return d < window ? d : Math.floorDiv(d, group) + window - Math.floorDiv(window, group);
    }

    /**
     * The largest distance seen in a sequence of {@code length} tokens (its last token against its
     * first, d = length - 1): {@code W + ceil((length - W) / G) - 1} when G divides W.
     */
    public static long largestDistance(int length, int window, int group) {
        Domain.atLeast("length", length, 1);
        return remapped(length - 1L, window, group);
    }

    /**
     * The first sequence length whose remapped distances exceed the trained ones (some distance
     * reaches {@code trained}): {@code trained + 1} when the window is at or past the trained
     * length, else the smallest n with {@code floor((n - 1) / G) >= L - W + floor(W / G)},
     * {@code n = max(W, G (L - W + floor(W / G))) + 1} ({@code (L - W) G + W + 1} for G dividing W).
     */
    public static long exceedsFrom(int trained, int window, int group) {
        check(window, group);
        Domain.atLeast("trained length", trained, 1);
        if (window >= trained) return trained + 1L;
        long groups = (long) trained - window + Math.floorDiv(window, group);
        return Math.max(window, group * groups) + 1L;
    }

    private static void check(int window, int group) {
        Domain.atLeast("neighbour window", window, 1);
        Domain.atLeast("group size", group, 1);
    }
}
