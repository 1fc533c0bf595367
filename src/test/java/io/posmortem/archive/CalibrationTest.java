package io.posmortem.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calibration over a hand-made set of confirmed builds; every expected number is derived in the
 * comments from the definitions in {@link Calibration} (Brier 1950: mean squared difference of
 * confidence and outcome).
 */
class CalibrationTest {
    static final Instant T = Instant.parse("2026-11-30T00:00:00Z");

    static IncidentSummary incident(long id, BuildVerdict v, Confirmation c) {
        return new IncidentSummary(id, T, null, "in" + id, "sha", null, null, "r", "k", "f", "v", List.of(v), c == null ? List.of() : List.of(c));
    }

    static Confirmation confirmed(String cause, String... alsoRight) {
        return new Confirmation("b", cause, List.of(alsoRight), null, T);
    }

    /**
     * A: diagnosed h1 at 0.85, confirmed h1: right, bin [0.8, 0.9).
     * B: diagnosed h2 at 0.8, confirmed h1: wrong, bin [0.8, 0.9).
     * C: insufficient-evidence, confirmed h1: abstained, not binned.
     * D: not-positional h3 at 0.25, confirmed h4 with h3 also right: right, bin [0.2, 0.3).
     * E: diagnosed h1 at 1.0, confirmed h1: right, last bin [0.9, 1.0] (it includes 1).
     * F: not confirmed: ignored.
     * Brier = ((0.85-1)^2 + (0.8-0)^2 + (0.25-1)^2 + (1-1)^2) / 4 = (0.0225 + 0.64 + 0.5625 + 0) / 4 = 0.30625.
     */
    @Test
    void binsAndBrierScoreByHand() {
        List<IncidentSummary> incidents = List.of(
                incident(1, new BuildVerdict("b", "diagnosed", "h1", 0.85, null), confirmed("h1")),
                incident(2, new BuildVerdict("b", "diagnosed", "h2", 0.8, null), confirmed("h1")),
                incident(3, new BuildVerdict("b", "insufficient-evidence", "h1", 0.3, null), confirmed("h1")),
                incident(4, new BuildVerdict("b", "not-positional", "h3", 0.25, null), confirmed("h4", "h3")),
                incident(5, new BuildVerdict("b", "diagnosed", "h1", 1.0, null), confirmed("h1")),
                incident(6, new BuildVerdict("b", "diagnosed", "h1", 0.5, null), null));
        Calibration c = Calibration.of(incidents, 10);
        assertEquals(5, c.confirmed());
        assertEquals(1, c.abstained());
        assertEquals(4, c.concluded());
        assertEquals(3, c.right());
        assertEquals(0.30625, c.brier(), 1e-12);
        assertEquals(new Calibration.Bin(0.8, 0.9, 2, 1, 0.825, 0.5), c.bins().get(8));
        assertEquals(new Calibration.Bin(0.2, 0.3, 1, 1, 0.25, 1.0), c.bins().get(2));
        assertEquals(new Calibration.Bin(0.9, 1.0, 1, 1, 1.0, 1.0), c.bins().get(9));
        assertEquals(0, c.bins().get(5).count());
        assertNull(c.bins().get(5).accuracy());
    }

    @Test
    void nothingConfirmedHasNoScore() {
        Calibration c = Calibration.of(List.of(), 4);
        assertNull(c.brier());
        assertEquals(4, c.bins().size());
        assertEquals(0.75, c.bins().get(3).from());
    }

    /** The plot is 240 px high (320 - 2 x 40): a bin right half the time is a 120 px bar, always right 240 px. */
    @Test
    void reliabilityDiagramDrawsOneBarPerNonEmptyBin() {
        Calibration c = Calibration.of(List.of(
                incident(1, new BuildVerdict("b", "diagnosed", "h1", 0.85, null), confirmed("h1")),
                incident(2, new BuildVerdict("b", "diagnosed", "h2", 0.8, null), confirmed("h1")),
                incident(3, new BuildVerdict("b", "diagnosed", "h1", 0.25, null), confirmed("h1"))), 10);
        String svg = ReliabilityDiagram.svg(c);
        assertEquals(svg, ReliabilityDiagram.svg(c));
        assertEquals(2, svg.split("fill=\"#4a7ab5\"", -1).length - 1);
        assertTrue(svg.contains("height=\"120.0\""), svg);
        assertTrue(svg.contains("height=\"240.0\""), svg);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }
}
