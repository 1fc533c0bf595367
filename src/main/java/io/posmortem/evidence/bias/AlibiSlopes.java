package io.posmortem.evidence.bias;

import io.posmortem.evidence.domain.Domain;

/**
 * ALiBi head slopes and penalties (Press, Smith, Lewis 2022; the authors' {@code get_slopes}).
 * The bias a head adds to the logit of a key {@code k} tokens back is {@code -m_h * k}.
 */
public final class AlibiSlopes {
    private AlibiSlopes() {}

    /**
     * Slopes in head order. For H a power of two: the geometric sequence starting at and
     * multiplying by {@code 2^(-8/H)}, i.e. {@code m_h = 2^(-8h/H)}, h = 1..H, computed as the
     * reference does ({@code start * ratio ** i}). Otherwise, with P the largest power of two below
     * H: the P slopes for P, then every other slope for 2P, first H - P of them.
     */
    public static double[] of(int heads) {
        Domain.atLeast("heads", heads, 1);
        Domain.atMost("heads", heads, Domain.MAX_WIDTH);
        if (Integer.bitCount(heads) == 1) return powerOfTwo(heads);
        int p = Integer.highestOneBit(heads);
        double[] base = powerOfTwo(p);
        double[] doubled = of(2 * p);
        double[] slopes = new double[heads];
        System.arraycopy(base, 0, slopes, 0, p);
        for (int i = 0; i < heads - p; i++) slopes[p + i] = doubled[2 * i];
        return slopes;
    }

    private static double[] powerOfTwo(int n) {
        double log2 = 31 - Integer.numberOfLeadingZeros(n);
        double start = Math.pow(2, -Math.pow(2, -(log2 - 3)));
        double[] slopes = new double[n];
        for (int i = 0; i < n; i++) slopes[i] = start * Math.pow(start, i);
        return slopes;
    }

    /** Penalty in nats a head with {@code slope} puts on a key {@code distance} tokens back. */
    public static double penalty(double slope, double distance) {
        Domain.positive("slope", slope);
        Domain.atLeast("distance", distance, 0.0);
        return slope * distance;
    }

    /**
     * The first whole distance at which a head with {@code slope} charges at least {@code nats}:
     * {@code ceil(nats / slope)}, after rounding the quotient to 12 significant digits. The
     * reference computes slopes as {@code start * ratio ** i}, so 2^-8 comes out a few ulps off and
     * 20 / slope lands a hair above 5120; without the rounding the answer would be 5121.
     */
    public static long reach(double slope, double nats) {
        double quotient = Domain.positive("nats", nats) / Domain.positive("slope", slope);
        double rounded = new java.math.BigDecimal(quotient).round(new java.math.MathContext(12)).doubleValue();
        return (long) Math.ceil(rounded);
    }

    /**
     * The share of one head's attention that the first {@code span} tokens of a {@code context}-token
     * prompt get against the last {@code span} tokens, when every key has the same content score.
     * The early span's keys sit {@code context - span .. context - 1} tokens back, the recent span's
     * {@code 0 .. span - 1}, so the early sum is the recent sum times {@code exp(-m (context - span))}
     * and the share is the logistic {@code 1 / (1 + exp(m (context - span)))} (hand derivation from
     * the bias {@code -m k}). Requires {@code context >= 2 span} (the spans do not overlap).
     */
    public static double earlySpanShare(double slope, long context, long span) {
        Domain.positive("slope", slope);
        Domain.atLeast("span", (double) span, 1.0);
        if (context < 2 * span) {
            throw new IllegalArgumentException("context must be >= 2 * span (" + 2 * span + "), got " + context);
        }
        return 1.0 / (1.0 + Math.exp(slope * (context - span)));
    }

    public static double gentlest(double[] slopes) {
        double min = Double.POSITIVE_INFINITY;
        for (double s : slopes) min = Math.min(min, s);
        return min;
    }

    public static double steepest(double[] slopes) {
        double max = 0;
        for (double s : slopes) max = Math.max(max, s);
        return max;
    }
}
