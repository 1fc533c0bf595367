package io.posmortem.evidence.bias;

import io.posmortem.model.positional.BucketSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * T5 buckets over a range of relative positions, as {@code posmortem t5-buckets} prints them.
 * {@code relativePosition = key - query} (negative: the key is before the query), as T5 computes
 * it. {@code width} is how many relative positions share the row's bucket, null when unbounded
 * (the last bucket of a direction, and in causal mode bucket 0, which every later key folds into).
 */
public record BucketTable(
        int numBuckets,
        int maxDistance,
        boolean bidirectional,
        int exactDistances,
        int saturationDistance,
        int distinctBuckets,
        List<Row> buckets) {

    public record Row(long relativePosition, int bucket, Long width) {}

    /** Largest number of rows one table holds. */
    public static final long MAX_ROWS = 1_000_000;

    public static BucketTable compute(BucketSpec spec, long from, long to) {
        if (to < from) throw new IllegalArgumentException("to must be >= from (" + from + "), got " + to);
        if (from == Long.MIN_VALUE) throw new IllegalArgumentException("from must be > " + Long.MIN_VALUE);
        if (Long.compareUnsigned(to - from, MAX_ROWS - 1) > 0) {
            throw new IllegalArgumentException("from..to spans " + Long.toUnsignedString(to - from + 1) + " positions; at most " + MAX_ROWS);
        }
        int saturation = T5Buckets.saturationDistance(spec);
        List<Row> rows = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (long rel = from; rel <= to; rel++) {
            int b = T5Buckets.bucket(rel, spec);
            seen.add(b);
            rows.add(new Row(rel, b, width(rel, b, spec, saturation)));
        }
        return new BucketTable(spec.numBuckets(), spec.maxDistance(), spec.bidirectional(), T5Buckets.exactDistances(spec),
                saturation, seen.size(), List.copyOf(rows));
    }

    /** Relative positions sharing {@code bucket} with {@code rel}; null when the run never ends. */
    static Long width(long rel, int bucket, BucketSpec spec, int saturation) {
        // Past the saturation distance (either direction) every position shares its direction's last bucket;
        // in causal mode every position at or after the query shares bucket 0.
        if (Math.abs(rel) >= saturation) return null;
        if (!spec.bidirectional() && rel >= 0) return null;
        // Keys after the query (bidirectional) use the same distances offset by half the buckets;
        // position 0 is the only one in its bucket on either side.
        return T5Buckets.bucketWidth(Math.abs(rel), spec);
    }
}
