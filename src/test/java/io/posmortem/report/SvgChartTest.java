package io.posmortem.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chart primitives: one tick format, a view box only, everything inside it. */
class SvgChartTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "10,10", "512,512", "1000,1k", "4096,4.1k", "32768,32.8k", "100000,100k", "1000000,1M", "1048576,1.05M",
            "2000000000,2G", "0.5,0.5", "0.25,0.25", "1.5,1.5", "0.001,0.001", "0.0001,1e-4", "0.000025,2.5e-5", "-2000,-2k"})
    void oneTickFormat(double value, String label) {
        assertEquals(label, SvgChart.label(value));
    }

    @Test
    void logTicksArePowersOfTenInTheSameFormat() {
        // a log axis over 10^0 .. 10^6
        List<String> labels = SvgChart.ticks(new double[] {0, 6}, true).stream().map(SvgChart::label).toList();
        assertEquals(List.of("1", "10", "100", "1k", "10k", "100k", "1M"), labels);
    }

    @Test
    void aChartHasAViewBoxAxisLabelsMarkersAndALegendInsideIt() {
        String svg = new SvgChart("t", "distance (tokens)", "penalty (nats)", true, false)
                .series("a series with a label far longer than the legend row can hold at the chart's width, cut with an ellipsis",
                        List.of(new double[] {1, 0}, new double[] {32768, 128}), true, false)
                .marker(4096, "trained length 4,096", "trained").render();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + SvgChart.WIDTH + " "), svg);
        assertFalse(svg.substring(0, svg.indexOf('>')).contains("width="), "no fixed width");
        assertTrue(svg.contains(">distance (tokens) (log scale)</text>"), "x-axis label says the scale");
        assertTrue(svg.contains(">penalty (nats)</text>"), "y-axis label");
        assertTrue(svg.contains("class=\"trained\"") && svg.contains(">trained length 4,096</text>"), "marker and its legend row");
        assertTrue(svg.contains("\u2026</text>"), "a long legend label is cut");
        assertTrue(svg.contains("<title>t</title>"), "the caption for screen readers");
    }
}
