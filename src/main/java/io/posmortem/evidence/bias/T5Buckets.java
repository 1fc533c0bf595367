package io.posmortem.evidence.bias;

import io.posmortem.evidence.domain.Domain;
import io.posmortem.model.positional.BucketSpec;

/**
 * T5's bucketed relative position ({@code T5Attention._relative_position_bucket} in transformers;
 * Raffel et al. 2020). {@code relativePosition = key position - query position}: negative for
 * keys before the query.
 *
 * <p>Bidirectional: half the buckets per direction, keys after the query offset by that half.
 * Causal: keys after the query fold into bucket 0. Within a direction of {@code n} buckets,
 * distances below {@code n/2} get their own bucket; larger ones get
 * {@code n/2 + trunc(ln(dist / (n/2)) / ln(maxDistance / (n/2)) * (n - n/2))}, capped at n - 1.
 * The logarithm branch is computed in float32 in the order torch computes it (float32 tensor
 * divided by a Python float, times an integer), so boundary distances land where the reference
 * puts them.
 */
public final class T5Buckets {
    private T5Buckets() {}

    public static int bucket(long relativePosition, BucketSpec spec) {
        check(spec);
        int numBuckets = spec.numBuckets();
        int offset = 0;
        long distance;
        if (spec.bidirectional()) {
            numBuckets /= 2;
            if (relativePosition > 0) offset = numBuckets;
            distance = Math.abs(relativePosition);
        } else {
            distance = -Math.min(relativePosition, 0);
        }
        int maxExact = numBuckets / 2;
        if (distance < maxExact) return offset + (int) distance;
        float logRatio = (float) Math.log((float) distance / (float) maxExact);
        float scaled = logRatio / (float) Math.log((double) spec.maxDistance() / maxExact) * (float) (numBuckets - maxExact);
        long large = maxExact + (long) scaled;
        return offset + (int) Math.min(large, numBuckets - 1);
    }

    /** Distances below this get a bucket of their own: half the buckets of one direction. */
    public static int exactDistances(BucketSpec spec) {
        check(spec);
        return (spec.bidirectional() ? spec.numBuckets() / 2 : spec.numBuckets()) / 2;
    }

    /** The bucket every key far enough before the query shares. */
    public static int lastBucket(BucketSpec spec) {
        check(spec);
        return spec.bidirectional() ? spec.numBuckets() / 2 - 1 : spec.numBuckets() - 1;
    }

    /**
     * Smallest distance back (key before the query) that lands in {@link #lastBucket}. The bucket
     * of a distance is non-decreasing in the distance (every step of {@link #bucket} is monotone:
     * a correctly rounded float32 division and product, a semi-monotonic logarithm, truncation),
     * so the boundaries are found by bisection on {@link #bucket} itself: the same distances as a
     * walk over every distance, in about 30 evaluations instead of max_distance.
     */
    public static int saturationDistance(BucketSpec spec) {
        int last = lastBucket(spec);
        long beyond = spec.maxDistance() + 1L;
        if (back(beyond, spec) != last) throw new IllegalStateException("no saturation up to max_distance for " + spec);
        return (int) firstReaching(last, 0, beyond, spec);
    }

    /**
     * How many distances back share the bucket of a key {@code distance} tokens back, or -1 when
     * that is the last bucket, which holds every distance from {@link #saturationDistance} on.
     */
    public static long bucketWidth(long distance, BucketSpec spec) {
        Domain.atLeast("distance", (double) distance, 0.0);
        int b = back(distance, spec);
        if (b == lastBucket(spec)) return -1;
        long first = firstReaching(b, 0, distance, spec);
        long next = firstReaching(b + 1, distance, saturationDistance(spec), spec);
        return next - first;
    }

    /** Number of distinct buckets among keys {@code from..to} tokens back (inclusive). */
    public static int distinctBuckets(long from, long to, BucketSpec spec) {
        Domain.atLeast("from", (double) from, 0.0);
        Domain.atLeast("to", (double) to, (double) from);
        long saturation = saturationDistance(spec);
        long end = Math.min(to, Math.max(from, saturation));
        int highest = back(end, spec);
        int count = 0;
        long d = from;
        while (true) {
            int b = back(d, spec);
            count++;
            if (b >= highest) return count;
            d = firstReaching(b + 1, d + 1, end, spec);
        }
    }

    /** The bucket of a key {@code distance} tokens before the query. */
    private static int back(long distance, BucketSpec spec) {
        return bucket(-distance, spec);
    }

    /** Smallest distance in {@code [lo, hi]} whose bucket is at least {@code b}; the bucket of {@code hi} must be. */
    private static long firstReaching(int b, long lo, long hi, BucketSpec spec) {
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (back(mid, spec) >= b) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private static void check(BucketSpec spec) {
        Domain.atLeast("num_buckets", spec.numBuckets(), spec.bidirectional() ? 4 : 2);
        int perDirection = spec.bidirectional() ? spec.numBuckets() / 2 : spec.numBuckets();
        if (spec.maxDistance() <= perDirection / 2) {
            throw new IllegalArgumentException("max_distance must exceed num_buckets/2 per direction (" + perDirection / 2
                    + "), got " + spec.maxDistance());
        }
    }
}
