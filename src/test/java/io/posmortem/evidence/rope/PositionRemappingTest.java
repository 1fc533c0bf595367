package io.posmortem.evidence.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.Tri;
import io.posmortem.model.evidence.PositionReport;
import io.posmortem.model.evidence.RemapReach;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionRemappingTest {

    @Test
    void selfExtendKeepsTheNeighbourWindowExactAndGroupsBeyondIt() {
        // Paper eq. 3 with W = 512, G = 4: d < 512 unchanged; d = 512 -> 128 + 512 - 128 = 512;
        // d = 1000 -> 250 + 384 = 634; d = 6655 -> 1663 + 384 = 2047 (the last trained distance of a 2K model).
        assertEquals(511, SelfExtend.remapped(511, 512, 4));
        assertEquals(512, SelfExtend.remapped(512, 512, 4));
        assertEquals(634, SelfExtend.remapped(1000, 512, 4));
        assertEquals(2047, SelfExtend.remapped(6655, 512, 4));
        assertEquals(2048, SelfExtend.remapped(6656, 512, 4));
    }

    @Test
    void selfExtendReachIsTheAuthorsMaximumReachableLength() {
        // datamllab/LongLM issue 35: max reachable length (L - w_n) G_s + w_n; Phi-2 L = 2K, G = 4, w_n = 512 -> 6.5K (6,656 tokens).
        assertEquals(6657, SelfExtend.exceedsFrom(2048, 512, 4));
        assertEquals(2047, SelfExtend.largestDistance(6656, 512, 4));
        assertEquals(2048, SelfExtend.largestDistance(6657, 512, 4));
        // llama.cpp PR 4810's passkey demo: LLaMA-2-7B (4,096), G = 4, W = 512 reaches (4096 - 512) 4 + 512 = 14,848 tokens,
        // which holds its 14,483-token prompt.
        assertEquals(14849, SelfExtend.exceedsFrom(4096, 512, 4));
        assertTrue(SelfExtend.largestDistance(14483, 512, 4) < 4096);
    }

    @Test
    void aWindowAtOrPastTheTrainedLengthGainsNothing() {
        // llama.cpp PR 4815: -gan 2 -gaw 2048 on a 2,048-token Phi-2: distance 2,048 stays exact, so 2,049 tokens already
        // see an untrained distance; at -c 2500 the largest is floor(2499 / 2) + 2048 - 1024 = 2,273.
        assertEquals(2049, SelfExtend.exceedsFrom(2048, 2048, 2));
        assertEquals(2273, SelfExtend.largestDistance(2500, 2048, 2));
        assertEquals(2049, SelfExtend.exceedsFrom(2048, 3000, 4));
        // A window that G does not divide: d = 1,026 is still exact (below W = 1,027), so max(W, ...) + 1.
        assertEquals(SelfExtend.exceedsFrom(1030, 1027, 4), firstExceeding(1030, 1027, 4));
    }

    @Test
    void selfExtendReachAgreesWithTheRemapEverywhere() {
        int[][] cases = {{2048, 512, 4}, {4096, 1024, 8}, {2048, 1000, 3}, {4096, 4000, 16}, {100, 7, 5}, {2048, 2048, 1}, {512, 100, 1}};
        for (int[] c : cases) assertEquals(firstExceeding(c[0], c[1], c[2]), SelfExtend.exceedsFrom(c[0], c[1], c[2]), java.util.Arrays.toString(c));
    }

    /** The first length whose last distance remaps to the trained length or beyond, by walking. */
    private static long firstExceeding(int trained, int window, int group) {
        for (long n = 1; ; n++) if (SelfExtend.remapped(n - 1, window, group) >= trained) return n;
    }

    @Test
    void dualChunkAttentionBoundsDistancesByTheChunk() {
        // Qwen2.5-7B-Instruct-1M: chunk_size 262,144, local_size 8,192 -> chunk_len 253,952 (vLLM dual_chunk_rope.py).
        assertEquals(253952, DualChunkAttention.chunkLength(262144, 8192));
        assertEquals(262143, DualChunkAttention.largestDistance(1048576, 262144));
        assertEquals(-1, DualChunkAttention.exceedsFrom(262144, 262144));
        assertEquals(32769, DualChunkAttention.exceedsFrom(32768, 65536));
    }

    @Test
    void reropeClampsAtItsWindow() {
        // bojone/rerope: window 512 for a 4,096-token LLaMA-2: no distance past 512, never untrained.
        assertEquals(512, ReRope.largestDistance(16384, 512));
        assertEquals(-1, ReRope.exceedsFrom(4096, 512));
        assertEquals(4097, ReRope.exceedsFrom(4096, 4096));
    }

    @Test
    void aReportedRemapBecomesItsReachWhenItsParametersAreGiven() {
        PositionReport selfExtend = remap("self-extend", 2, 2048, null);
        assertEquals(List.of(new RemapReach("b", "self-extend", 2048, 2500, 2048, 2273, 2049)), PositionRemapping.of(selfExtend, 2048, 2500));
        assertEquals(List.of(), PositionRemapping.of(remap("self-extend", null, 2048, null), 2048, 2500));
        assertEquals(List.of(), PositionRemapping.of(remap("dual-chunk", null, 8192, null), 2048, 2500));
        assertEquals(List.of(), PositionRemapping.of(remap("rerope", null, null, null), 2048, 2500));
        assertEquals(List.of(), PositionRemapping.of(remap(null, null, null, null), 2048, 2500));
        assertEquals(List.of(new RemapReach("b", "dual-chunk", 262144, 262144, 253952, 262143, -1)),
                PositionRemapping.of(remap("dual-chunk", null, 8192, 262144), 262144, 262144));
        assertEquals(List.of(new RemapReach("b", "rerope", 4096, 16384, 512, 512, -1)), PositionRemapping.of(remap("rerope", null, 512, null), 4096, 16384));
    }

    @Test
    void invalidParametersAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SelfExtend.remapped(10, 512, 0)).getMessage().contains("group size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SelfExtend.exceedsFrom(2048, 0, 4)).getMessage().contains("neighbour window"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DualChunkAttention.chunkLength(0, 0)).getMessage().contains("chunk size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReRope.largestDistance(0, 5)).getMessage().contains("length"));
    }

    private static PositionReport remap(String method, Integer group, Integer window, Integer chunk) {
        return new PositionReport("b", Tri.UNKNOWN, null, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, method, group, window, chunk);
    }
}
