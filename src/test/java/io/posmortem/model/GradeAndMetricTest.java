package io.posmortem.model;

import io.posmortem.model.derived.*;
import io.posmortem.model.input.*;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Graded strengths and metric directions; expected values are hand derivations shown inline. */
class GradeAndMetricTest {

    @Test
    void logGradeHasNoCliffAtItsThreshold() {
        // Linear interpolation by 2 against the 0.5 neighbour-ratio threshold: compression 2 = the
        // threshold, strength the floor 0.3; by 4: 0.3 + 0.7 ln(4/2)/ln(8/2) = 0.65; by 8: 1.
        assertEquals(0.3, Grade.logBetween(2, 2, 8, 0.3), 1e-12);
        assertEquals(0.65, Grade.logBetween(4, 2, 8, 0.3), 1e-12);
        assertEquals(1.0, Grade.logBetween(8, 2, 8, 0.3), 1e-12);
        assertEquals(1.0, Grade.logBetween(100, 2, 8, 0.3), 1e-12);
        // 2.1 is barely past 2: 0.3 + 0.7 ln(1.05)/ln(4) = 0.3247.
        assertEquals(0.3 + 0.7 * Math.log(1.05) / Math.log(4), Grade.logBetween(2.1, 2, 8, 0.3), 1e-12);
        assertEquals(0.5, Grade.linearBetween(1.5, 1, 2, 0), 1e-12);
    }

    @Test
    void metricsWorsenInTheirOwnDirection() {
        // Perplexity 7.00 against 6.16 (llama.cpp PR #1967, linear 0.5 at 512 tokens): (7.00 - 6.16) / 6.16 = 0.1364 worse.
        assertEquals(0.84 / 6.16, new Metric("perplexity", 7.00, 6.16).relativeWorsening(), 1e-12);
        // Accuracy 0.494 against 0.620: higher is better, so (0.620 - 0.494) / 0.620 = 0.2032 worse.
        assertEquals(0.126 / 0.620, new Metric("accuracy", 0.494, 0.620).relativeWorsening(), 1e-12);
        assertEquals(-0.1, new Metric("score", 66, 60).relativeWorsening(), 1e-12);
    }

    @Test
    void aPredictionSaysWhichLengthsItCovers() {
        assertEquals("at every length", new Prediction("s", "b", "c", Outcome.PRESERVED, 0, Integer.MAX_VALUE, Trend.STABLE).span());
        assertEquals("up to 4,096 tokens", new Prediction("s", "b", "c", Outcome.PRESERVED, 0, 4096, Trend.STABLE).span());
        assertEquals("from 4,097 tokens", new Prediction("s", "b", "c", Outcome.DEGRADED, 4097, Integer.MAX_VALUE, Trend.STABLE).span());
    }
}
