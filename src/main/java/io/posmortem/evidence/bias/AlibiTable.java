package io.posmortem.evidence.bias;

import io.posmortem.evidence.domain.Domain;
import java.util.ArrayList;
import java.util.List;

/**
 * ALiBi for one head count, as {@code posmortem alibi} prints it: the slopes in head order, per
 * head the bias at a distance and the distance at which the penalty reaches a number of nats, and
 * how the share of attention an early span keeps against an equally scored recent span falls as
 * the context grows (see {@link AlibiSlopes}).
 *
 * @param distance the distance the per-head {@code bias} is given at
 * @param nats     the penalty whose {@code reach} is given per head
 * @param span     the span length of {@code earlySpanShare}
 */
public record AlibiTable(
        int heads,
        double[] slopes,
        long distance,
        double nats,
        int span,
        List<Head> perHead,
        List<SpanShare> earlySpanShare) {

    /** One head: its bias at {@code distance} (a negative logit offset) and first distance charged {@code nats}. */
    public record Head(int head, double slope, double bias, long reach) {}

    /** Early-span share at one context length: the gentlest head's, and the mean over heads. */
    public record SpanShare(long context, double gentlestHead, double meanOverHeads) {}

    /**
     * @param context the longest context of the span-share series (contexts double from
     *                {@code 2 span} up to it)
     */
    public static AlibiTable compute(int heads, long distance, double nats, int span, long context) {
        Domain.atLeast("distance", (double) distance, 0.0);
        Domain.positive("nats", nats);
        Domain.atLeast("span", span, 1);
        if (context < 2L * span) throw new IllegalArgumentException("context must be >= 2 * span (" + 2L * span + "), got " + context);
        double[] slopes = AlibiSlopes.of(heads);
        List<Head> perHead = new ArrayList<>();
        for (int h = 0; h < slopes.length; h++) {
            perHead.add(new Head(h, slopes[h], -AlibiSlopes.penalty(slopes[h], distance), AlibiSlopes.reach(slopes[h], nats)));
        }
        double gentlest = AlibiSlopes.gentlest(slopes);
        List<SpanShare> shares = new ArrayList<>();
        for (long n = 2L * span; ; n = n > context / 2 ? context : 2 * n) {
            double sum = 0;
            for (double m : slopes) sum += AlibiSlopes.earlySpanShare(m, n, span);
            shares.add(new SpanShare(n, AlibiSlopes.earlySpanShare(gentlest, n, span), sum / slopes.length));
            if (n == context) break;
        }
        return new AlibiTable(heads, slopes, distance, nats, span, List.copyOf(perHead), List.copyOf(shares));
    }
}
