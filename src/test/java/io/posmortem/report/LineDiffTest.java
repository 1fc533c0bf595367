package io.posmortem.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected counts are worked out by hand from the two texts of each case. */
class LineDiffTest {

    @Test
    void sameTextHasNoDifference() {
        assertTrue(LineDiff.of("a\nb\n", "a\nb\n").none());
    }

    @Test
    void changedLineIsOneAddedAndOneRemoved() {
        assertEquals(new LineDiff(1, 1), LineDiff.of("a\nb\nc\n", "a\nB\nc\n"));
    }

    @Test
    void insertedAndDeletedLinesAreCountedApart() {
        // "x" inserted after a, "c" deleted: a b c d -> a x b d
        assertEquals(new LineDiff(1, 1), LineDiff.of("a\nb\nc\nd\n", "a\nx\nb\nd\n"));
        assertEquals(new LineDiff(2, 0), LineDiff.of("a\n", "a\nb\nc\n"));
        assertEquals(new LineDiff(0, 3), LineDiff.of("a\nb\nc\n", ""));
    }

    @Test
    void movedLineIsOneRemovedAndOneAdded() {
        // the longest common subsequence of a b c / b c a is b c
        assertEquals(new LineDiff(1, 1), LineDiff.of("a\nb\nc\n", "b\nc\na\n"));
    }
}
