package io.posmortem.archive;

import io.posmortem.model.Numbers;

/**
 * A reliability diagram of a {@link Calibration} as SVG: per confidence bin, a bar as high as the
 * share of right diagnoses, drawn at the bin's place on the confidence axis, with its count above;
 * the diagonal is perfect calibration (a bar below it: the confidences promise more than was
 * right). Coordinates are written with fixed decimals, so the same calibration gives the same bytes.
 */
public final class ReliabilityDiagram {
    private static final int SIZE = 320;
    private static final int MARGIN = 40;

    private ReliabilityDiagram() {}

    public static String svg(Calibration c) {
        int plot = SIZE - 2 * MARGIN;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(SIZE).append("\" height=\"").append(SIZE)
                .append("\" viewBox=\"0 0 ").append(SIZE).append(' ').append(SIZE)
                .append("\" role=\"img\" aria-label=\"Reliability diagram: share of right diagnoses per confidence bin\">\n");
        s.append("<rect x=\"").append(MARGIN).append("\" y=\"").append(MARGIN).append("\" width=\"").append(plot).append("\" height=\"").append(plot)
                .append("\" fill=\"none\" stroke=\"#888\"/>\n");
        for (Calibration.Bin b : c.bins()) {
            if (b.count() == 0) continue;
            double x = MARGIN + b.from() * plot;
            double w = (b.to() - b.from()) * plot;
            double h = b.accuracy() * plot;
            double y = MARGIN + plot - h;
            s.append("<rect x=\"").append(n(x + 1)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w - 2)).append("\" height=\"")
                    .append(n(h)).append("\" fill=\"#4a7ab5\"><title>confidence ").append(Numbers.format(b.from())).append("–")
                    .append(Numbers.format(b.to())).append(": ").append(b.right()).append(" of ").append(b.count()).append(" right</title></rect>\n");
            s.append("<text x=\"").append(n(x + w / 2)).append("\" y=\"").append(n(Math.min(y, MARGIN + plot) - 4))
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(b.count()).append("</text>\n");
        }
        s.append("<line x1=\"").append(MARGIN).append("\" y1=\"").append(MARGIN + plot).append("\" x2=\"").append(MARGIN + plot).append("\" y2=\"")
                .append(MARGIN).append("\" stroke=\"#c33\" stroke-dasharray=\"4 3\"/>\n");
        for (int i = 0; i <= 4; i++) {
            double v = i / 4.0;
            s.append("<text x=\"").append(n(MARGIN + v * plot)).append("\" y=\"").append(MARGIN + plot + 14)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(Numbers.format(v)).append("</text>\n");
            s.append("<text x=\"").append(MARGIN - 6).append("\" y=\"").append(n(MARGIN + plot - v * plot + 3))
                    .append("\" font-size=\"10\" text-anchor=\"end\">").append(Numbers.format(v)).append("</text>\n");
        }
        s.append("<text x=\"").append(SIZE / 2).append("\" y=\"").append(SIZE - 8).append("\" font-size=\"11\" text-anchor=\"middle\">confidence</text>\n");
        s.append("<text x=\"12\" y=\"").append(SIZE / 2).append("\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 ")
                .append(SIZE / 2).append(")\">share right</text>\n");
        s.append("</svg>\n");
        return s.toString();
    }

    private static String n(double v) {
        return Numbers.fixed(v, 1);
    }
}
