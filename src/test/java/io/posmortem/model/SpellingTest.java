package io.posmortem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpellingTest {

    @Test
    void suggestsTheClosestKnownName() {
        List<String> known = List.of("local-syntax", "long-range-reference", "recency-bias");
        assertEquals(Optional.of("local-syntax"), Spelling.closest("local-sintax", known));
        assertEquals(Optional.of("local-syntax"), Spelling.closest("lcoal-syntax", known), "transposition counts once");
        assertEquals(Optional.empty(), Spelling.closest("something-else-entirely", known));
        assertEquals(Optional.empty(), Spelling.closest("recency-bias", known), "an exact match needs no suggestion");
        assertEquals(Optional.of("recency-bias"), Spelling.closest("Recency-Bias", known), "a name in the wrong case gets the right one");
    }
}
