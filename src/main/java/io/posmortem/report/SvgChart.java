package io.posmortem.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart as inline SVG: linear or log10 axes, polylines, vertical markers and a
 * legend. Written by hand rather than with a charting library so that the output needs no AWT or
 * installed fonts and is byte-identical on every machine: coordinates are printed with one
 * decimal, in a fixed locale, and nothing depends on time or randomness.
 */
final class SvgChart {
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 230;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;

    record Series(String label, List<double[]> points, boolean emphasised, boolean dashed) {}

    record Marker(double x, String label) {}

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
        if (usable(x, logX)) markers.add(new Marker(x, label));
        return this;
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    private static boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    String render() {
        double[] xr = range(true);
        double[] yr = range(false);
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(title)).append("\">\n");
        out.append("<text x=\"").append(LEFT).append("\" y=\"18\" class=\"ct\">").append(Html.escape(title)).append("</text>\n");
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        out.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW).append("\" height=\"")
                .append(plotH).append("\" class=\"frame\"/>\n");
        for (double t : ticks(xr, logX)) {
            String x = fmt(px(t, xr, logX));
            out.append("<line x1=\"").append(x).append("\" y1=\"").append(TOP + plotH).append("\" x2=\"").append(x).append("\" y2=\"")
                    .append(TOP + plotH + 4).append("\" class=\"tick\"/><text x=\"").append(x).append("\" y=\"").append(TOP + plotH + 16)
                    .append("\" class=\"tl\" text-anchor=\"middle\">").append(label(t)).append("</text>\n");
        }
        for (double t : ticks(yr, logY)) {
            String y = fmt(py(t, yr, logY));
            out.append("<line x1=\"").append(LEFT - 4).append("\" y1=\"").append(y).append("\" x2=\"").append(LEFT + plotW).append("\" y2=\"")
                    .append(y).append("\" class=\"grid\"/><text x=\"").append(LEFT - 6).append("\" y=\"").append(y)
                    .append("\" class=\"tl\" text-anchor=\"end\" dominant-baseline=\"middle\">").append(label(t)).append("</text>\n");
        }
        out.append("<text x=\"").append(LEFT + plotW / 2).append("\" y=\"").append(HEIGHT - 8).append("\" class=\"al\" text-anchor=\"middle\">")
                .append(Html.escape(xLabel)).append("</text>\n");
        out.append("<text x=\"14\" y=\"").append(TOP + plotH / 2).append("\" class=\"al\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(TOP + plotH / 2).append(")\">").append(Html.escape(yLabel)).append("</text>\n");
        for (Marker m : markers) {
            String x = fmt(px(m.x(), xr, logX));
            out.append("<line x1=\"").append(x).append("\" y1=\"").append(TOP).append("\" x2=\"").append(x).append("\" y2=\"")
                    .append(TOP + plotH).append("\" class=\"marker\"/><text x=\"").append(x).append("\" y=\"").append(TOP - 4)
                    .append("\" class=\"tl\" text-anchor=\"middle\">").append(Html.escape(m.label())).append("</text>\n");
        }
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
            int ly = TOP + 10 + 18 * i;
            out.append("<line x1=\"").append(LEFT + plotW + 12).append("\" y1=\"").append(ly).append("\" x2=\"").append(LEFT + plotW + 32)
                    .append("\" y2=\"").append(ly).append("\" stroke=\"").append(colour).append("\" stroke-width=\"").append(s.emphasised() ? "3" : "1.5")
                    .append('"').append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/><text x=\"").append(LEFT + plotW + 36)
                    .append("\" y=\"").append(ly).append("\" class=\"tl\" dominant-baseline=\"middle\">").append(Html.escape(s.label()))
                    .append("</text>\n");
        }
        out.append("</svg>\n");
        return out.toString();
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

    private static List<Double> ticks(double[] r, boolean log) {
        List<Double> out = new ArrayList<>();
        if (log) {
            int step = (int) Math.max(1, Math.ceil((r[1] - r[0]) / 8));
            for (double e = r[0]; e <= r[1] + 1e-9; e += step) out.add(Math.pow(10, e));
            return out;
        }
        double span = r[1] - r[0];
        double raw = span / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / magnitude >= 5 ? 5 * magnitude : raw / magnitude >= 2 ? 2 * magnitude : magnitude;
        for (double t = Math.ceil(r[0] / step) * step; t <= r[1] + 1e-9; t += step) out.add(t);
        return out;
    }

    private static double px(double v, double[] r, boolean log) {
        double t = log ? (Math.log10(v) - r[0]) / (r[1] - r[0]) : (v - r[0]) / (r[1] - r[0]);
        return LEFT + t * (WIDTH - LEFT - RIGHT);
    }

    private static double py(double v, double[] r, boolean log) {
        double t = log ? (Math.log10(v) - r[0]) / (r[1] - r[0]) : (v - r[0]) / (r[1] - r[0]);
        return TOP + (1 - t) * (HEIGHT - TOP - BOTTOM);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A tick label: powers of ten as 1e5 beyond 10^4 and below 10^-2, plain numbers otherwise. */
    static String label(double v) {
        if (v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-2)) {
            int e = (int) Math.round(Math.log10(Math.abs(v)));
            if (Math.abs(Math.pow(10, e) - Math.abs(v)) < 1e-9 * Math.abs(v)) return "1e" + e;
            return String.format(Locale.ROOT, "%.1e", v);
        }
        if (v == Math.rint(v)) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
