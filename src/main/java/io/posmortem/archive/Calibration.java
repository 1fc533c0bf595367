package io.posmortem.archive;

import io.posmortem.model.Numbers;
import io.posmortem.report.IncidentScore;
import java.util.ArrayList;
import java.util.List;

/**
 * How well the archived confidences match how often the diagnoses were right, over confirmed
 * builds: a reliability table (confirmed builds whose verdict concluded a cause, binned by the
 * leading hypothesis's confidence, with the share that named the confirmed cause) and the Brier
 * score, {@code (1/N) sum (c_i - o_i)^2} with {@code c_i} the confidence (clamped to [0, 1]) and
 * {@code o_i} 1 when the concluded hypothesis is the confirmed cause (or one named as the same
 * cause), else 0 (G. W. Brier, "Verification of forecasts expressed in terms of probability",
 * Monthly Weather Review 78(1), 1950). 0 is perfect; always answering 0.5 scores 0.25.
 *
 * <p>A build is concluded as {@link IncidentScore} counts it: verdict {@code diagnosed} or
 * {@code not-positional}. Abstentions carry no confidence claim and are counted apart.
 *
 * @param confirmed builds with a confirmed cause
 * @param abstained of those, builds whose verdict concluded nothing
 * @param concluded of those, builds that concluded a cause (the ones binned and scored)
 * @param right     of the concluded, those that named the confirmed cause
 * @param brier     the Brier score over the concluded builds, or null when there are none
 */
public record Calibration(int confirmed, int abstained, int concluded, int right, Double brier, List<Bin> bins) {

    /**
     * One confidence bin, {@code [from, to)} (the last one includes 1).
     *
     * @param meanConfidence the mean confidence of its builds (null when empty)
     * @param accuracy       the share of its builds that were right (null when empty)
     */
    public record Bin(double from, double to, int count, int right, Double meanConfidence, Double accuracy) {}

    /** The calibration over every confirmed build of {@code incidents}, in {@code binCount} bins of equal width. */
    public static Calibration of(List<IncidentSummary> incidents, int binCount) {
        int[] count = new int[binCount];
        int[] right = new int[binCount];
        double[] sum = new double[binCount];
        int confirmed = 0;
        int abstained = 0;
        int concluded = 0;
        int rightTotal = 0;
        double squares = 0;
        for (IncidentSummary s : incidents) {
            for (Confirmation c : s.confirmations()) {
                BuildVerdict v = s.verdicts().stream().filter(x -> x.build().equals(c.build())).findFirst().orElse(null);
                if (v == null) continue;
                confirmed++;
                if (!v.verdict().equals("diagnosed") && !v.verdict().equals("not-positional")) {
                    abstained++;
                    continue;
                }
                concluded++;
                double p = Math.max(0, Math.min(1, v.confidence() == null ? 0 : v.confidence()));
                boolean ok = c.cause().equals(v.hypothesis()) || c.alsoRight().contains(v.hypothesis());
                int bin = Math.min(binCount - 1, (int) Math.floor(p * binCount));
                count[bin]++;
                sum[bin] += p;
                if (ok) {
                    right[bin]++;
                    rightTotal++;
                }
                squares += (p - (ok ? 1 : 0)) * (p - (ok ? 1 : 0));
            }
        }
        List<Bin> bins = new ArrayList<>();
        for (int i = 0; i < binCount; i++) {
            bins.add(new Bin(Numbers.round((double) i / binCount), Numbers.round((double) (i + 1) / binCount), count[i], right[i],
                    count[i] == 0 ? null : Numbers.round(sum[i] / count[i]), count[i] == 0 ? null : Numbers.round((double) right[i] / count[i])));
        }
        return new Calibration(confirmed, abstained, concluded, rightTotal, concluded == 0 ? null : Numbers.round(squares / concluded), List.copyOf(bins));
    }
}
