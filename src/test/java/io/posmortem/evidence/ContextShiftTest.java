package io.posmortem.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.posmortem.model.evidence.ContextShiftProfile;
import org.junit.jupiter.api.Test;

class ContextShiftTest {

    @Test
    void theFirstShiftDropsHalfOfWhatLiesPastTheKeptStart() {
        // llama-server log of ggml-org/llama.cpp issue 8498: "slot context shift | n_keep = 1 n_left = 3998
        // n_discard = 1999 n_ctx=4000". With the BOS counted in the kept start (n_keep 1 + BOS = 2 tokens),
        // n_left = 4000 - 2 = 3998 and n_discard = 3998 / 2 = 1999.
        assertEquals(1999, ContextShift.discard(4000, 2));
        // Ollama's runner log of ollama/ollama issue 8531: limit=50 keep=4 discard=23 = (50 - 4) / 2.
        assertEquals(23, ContextShift.discard(50, 4));
        // n_keep 0 (llama.cpp main's default): half of the whole window; an odd rest rounds down.
        assertEquals(1024, ContextShift.discard(2048, 0));
        assertEquals(1023, ContextShift.discard(2048, 1));
    }

    @Test
    void aKeptStartAsLongAsTheWindowLeavesNothingToDiscard() {
        assertEquals(0, ContextShift.discard(2048, 2048));
        assertEquals(0, ContextShift.discard(2048, 5000));
    }

    @Test
    void theProfileKeepsAnUnreportedKeepUnknownAndDiscardsAsForZero() {
        ContextShiftProfile p = ContextShift.profile("b", 2048, null, 80, 32);
        assertNull(p.keep());
        assertEquals(1024, p.discard());
        assertEquals(32, p.rotaryDims());
        assertEquals(80, p.headDim());
        assertEquals(4, ContextShift.profile("b", 50, 4, 80, 80).keep());
    }

    @Test
    void impossibleWindowsAndKeepsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ContextShift.discard(0, 0));
        assertThrows(IllegalArgumentException.class, () -> ContextShift.discard(2048, -1));
    }
}
