package io.posmortem.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart as inline SVG: linear or log10 axes, polylines, vertical markers, axis labels
 * and a legend. Written by hand rather than with a charting library so that the output needs no
 * AWT or installed fonts and is byte-identical on every machine: coordinates are printed with one
 * decimal, in a fixed locale, and nothing depends on time or randomness.
 *
 * <p>Layout contract (for the page to work from 360 px up): the chart is {@value #WIDTH} units wide
 * and scales with its {@code viewBox} (the page's CSS sets width 100%, height auto); everything it
 * draws, the legend included, lies inside the view box. The legend is stacked under the plot, one
 * entry per row, so a narrow screen never needs a legend column beside the plot; the title goes in
 * the figure's caption (HTML, which wraps), with a copy in the SVG's {@code <title>} for readers.
 */
final class SvgChart {
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"};
    static final int WIDTH = 580;
    private static final int PLOT_HEIGHT = 240;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int AXIS = 46;
    static final int LEGEND_ROW = 18;

    record Series(String label, List<double[]> points, boolean emphasised, boolean dashed) {}

    /** A vertical line at {@code x}; {@code css} is one of the page's marker classes (trained, target, onset). */
    record Marker(double x, String label, String css) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    SvgChart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.logY = logY;
    }

    SvgChart series(String label, List<double[]> points, boolean emphasised, boolean dashed) {
        List<double[]> usable = points.stream().filter(p -> usable(p[0], logX) && usable(p[1], logY)).toList();
        if (!usable.isEmpty()) series.add(new Series(label, usable, emphasised, dashed));
        return this;
    }

    SvgChart marker(double x, String label) {
        return marker(x, label, "marker");
    }

    SvgChart marker(double x, String label, String css) {
        if (usable(x, logX)) markers.add(new Marker(x, label, css));
        return this;
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    String title() {
        return title;
    }

    private static boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    String render() {
        double[] xr = range(true);
        double[] yr = range(false);
        int plotW = WIDTH - LEFT - RIGHT;
        int legendTop = TOP + PLOT_HEIGHT + AXIS;
        int height = legendTop + LEGEND_ROW * (series.size() + markers.size()) + 6;
        StringBuilder out = new StringBuilder();
        open(out, height, title);
        out.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW).append("\" height=\"")
                .append(PLOT_HEIGHT).append("\" class=\"frame\"/>\n");
        for (double t : ticks(xr, logX)) {
            String x = fmt(px(t, xr, logX));
            out.append("<line x1=\"").append(x).append("\" y1=\"").append(TOP + PLOT_HEIGHT).append("\" x2=\"").append(x).append("\" y2=\"")
                    .append(TOP + PLOT_HEIGHT + 4).append("\" class=\"tick\"/><text x=\"").append(x).append("\" y=\"").append(TOP + PLOT_HEIGHT + 17)
                    .append("\" class=\"tl\" text-anchor=\"middle\">").append(label(t)).append("</text>\n");
        }
        for (double t : ticks(yr, logY)) {
            String y = fmt(py(t, yr, logY));
            out.append("<line x1=\"").append(LEFT - 4).append("\" y1=\"").append(y).append("\" x2=\"").append(LEFT + plotW).append("\" y2=\"")
                    .append(y).append("\" class=\"grid\"/><text x=\"").append(LEFT - 6).append("\" y=\"").append(y)
                    .append("\" class=\"tl\" text-anchor=\"end\" dominant-baseline=\"middle\">").append(label(t)).append("</text>\n");
        }
        axisLabels(out, LEFT + plotW / 2, TOP + PLOT_HEIGHT + 36, xLabel + (logX ? " (log scale)" : ""), TOP + PLOT_HEIGHT / 2,
                yLabel + (logY ? " (log scale)" : ""));
        for (Marker m : markers) {
            String x = fmt(px(m.x(), xr, logX));
            out.append("<line x1=\"").append(x).append("\" y1=\"").append(TOP).append("\" x2=\"").append(x).append("\" y2=\"")
                    .append(TOP + PLOT_HEIGHT).append("\" class=\"").append(m.css()).append("\"/>\n");
        }
        int row = 0;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = PALETTE[i % PALETTE.length];
            StringBuilder points = new StringBuilder();
            for (double[] p : s.points()) {
                if (points.length() > 0) points.append(' ');
                points.append(fmt(px(p[0], xr, logX))).append(',').append(fmt(py(p[1], yr, logY)));
            }
            out.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(s.emphasised() ? "3" : "1.5")
                    .append('"').append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"").append(points).append("\"/>\n");
            if (s.points().size() == 1) {
                double[] p = s.points().get(0);
                out.append("<circle cx=\"").append(fmt(px(p[0], xr, logX))).append("\" cy=\"").append(fmt(py(p[1], yr, logY)))
                        .append("\" r=\"3\" fill=\"").append(colour).append("\"/>\n");
            }
            int ly = legendTop + LEGEND_ROW * row++ + 9;
            out.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(ly).append("\" x2=\"").append(LEFT + 24)
                    .append("\" y2=\"").append(ly).append("\" stroke=\"").append(colour).append("\" stroke-width=\"").append(s.emphasised() ? "3" : "1.5")
                    .append('"').append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>");
            legendText(out, LEFT + 30, ly, s.label());
        }
        for (Marker m : markers) legendMarker(out, legendTop + LEGEND_ROW * row++ + 9, m);
        out.append("</svg>\n");
        return out.toString();
    }

    /** The opening tag: a view box only, so the page's CSS decides the size; {@code <title>} names the chart for screen readers. */
    static void open(StringBuilder out, int height, String title) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n<title>").append(Html.escape(title)).append("</title>\n");
    }

    /** The x-axis label centred under the plot, the y-axis label turned along the left edge ({@code yLabel} null: none). */
    static void axisLabels(StringBuilder out, int xCentre, int xBaseline, String xLabel, int yCentre, String yLabel) {
        out.append("<text x=\"").append(xCentre).append("\" y=\"").append(xBaseline).append("\" class=\"al\" text-anchor=\"middle\">")
                .append(Html.escape(xLabel)).append("</text>\n");
        if (yLabel == null) return;
        out.append("<text x=\"16\" y=\"").append(yCentre).append("\" class=\"al\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                .append(yCentre).append(")\">").append(Html.escape(yLabel)).append("</text>\n");
    }

    /** One legend row for a marker: a short vertical stroke in the marker's class, then its label. */
    static void legendMarker(StringBuilder out, int y, Marker m) {
        out.append("<line x1=\"").append(LEFT + 12).append("\" y1=\"").append(y - 7).append("\" x2=\"").append(LEFT + 12).append("\" y2=\"")
                .append(y + 7).append("\" class=\"").append(m.css()).append("\"/>");
        legendText(out, LEFT + 30, y, m.label());
    }

    private static void legendText(StringBuilder out, int x, int y, String label) {
        out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" class=\"tl\" dominant-baseline=\"middle\">")
                .append(Html.escape(fit(label))).append("</text>\n");
    }

    /** Legend text longer than the view box holds (at the page's 13-unit font, about 7.2 units a character) is cut with an ellipsis. */
    static String fit(String label) {
        int max = (WIDTH - LEFT - 30 - 4) * 10 / 72;
        return label.length() <= max ? label : label.substring(0, max - 1) + "\u2026";
    }

    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double[] p : s.points()) {
                double v = x ? p[0] : p[1];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (x) {
            for (Marker m : markers) {
                lo = Math.min(lo, m.x());
                hi = Math.max(hi, m.x());
            }
        }
        boolean log = x ? logX : logY;
        if (!log && !x) lo = Math.min(lo, 0);
        if (lo == hi) {
            hi = log ? hi * 10 : hi + 1;
            lo = log ? lo / 10 : lo - (lo == 0 ? 0 : 1);
        }
        if (log) return new double[] {Math.floor(Math.log10(lo)), Math.ceil(Math.log10(hi))};
        return new double[] {lo, hi + (hi - lo) * 0.05};
    }

    static List<Double> ticks(double[] r, boolean log) {
        List<Double> out = new ArrayList<>();
        if (log) {
            int step = (int) Math.max(1, Math.ceil((r[1] - r[0]) / 7));
            for (double e = r[0]; e <= r[1] + 1e-9; e += step) out.add(Math.pow(10, e));
            return out;
        }
        double span = r[1] - r[0];
        double raw = span / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / magnitude >= 5 ? 5 * magnitude : raw / magnitude >= 2 ? 2 * magnitude : magnitude;
        for (double t = Math.ceil(r[0] / step) * step; t <= r[1] + 1e-9; t += step) out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        return out;
    }

    private static double px(double v, double[] r, boolean log) {
        double t = log ? (Math.log10(v) - r[0]) / (r[1] - r[0]) : (v - r[0]) / (r[1] - r[0]);
        return LEFT + t * (WIDTH - LEFT - RIGHT);
    }

    private static double py(double v, double[] r, boolean log) {
        double t = log ? (Math.log10(v) - r[0]) / (r[1] - r[0]) : (v - r[0]) / (r[1] - r[0]);
        return TOP + (1 - t) * PLOT_HEIGHT;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * A tick label, the same format on every axis of every chart: from a thousand up, a compact
     * number with a k / M / G suffix and at most three significant digits (1k, 32.8k, 1M); below a
     * thousand the number itself with at most three significant digits (512, 1.5, 0.25); below 0.001
     * a power of ten (1e-4) or mantissa and exponent (2.5e-5). Never a thousands separator.
     */
    static String label(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        String sign = v < 0 ? "-" : "";
        if (a >= 1e9) return sign + significant(a / 1e9) + "G";
        if (a >= 1e6) return sign + significant(a / 1e6) + "M";
        if (a >= 1e3) return sign + significant(a / 1e3) + "k";
        if (a >= 1e-3) return sign + significant(a);
        int e = (int) Math.floor(Math.log10(a));
        double mantissa = a / Math.pow(10, e);
        if (mantissa >= 9.995) {
            mantissa /= 10;
            e++;
        }
        String m = significant(mantissa);
        return sign + (m.equals("1") ? "1e" : m + "e") + e;
    }

    /** {@code a} (positive, below 1,000 after scaling) with at most three significant digits and no trailing zeros. */
    private static String significant(double a) {
        int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.max(2, 2 - (int) Math.floor(Math.log10(a)));
        return new java.math.BigDecimal(a).setScale(decimals, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
