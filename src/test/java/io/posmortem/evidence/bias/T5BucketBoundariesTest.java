package io.posmortem.evidence.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.posmortem.model.positional.BucketSpec;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bucket boundaries found by bisection ({@link T5Buckets#saturationDistance},
 * {@link T5Buckets#bucketWidth}, {@link T5Buckets#distinctBuckets}) against the walk over every
 * distance they replace, kept here as the oracle: on seeded random specs and distances the two
 * must agree exactly. The walk is the definition (count the distances, or the changes of bucket);
 * the bisection relies on the bucket being non-decreasing in the distance, which this also checks.
 */
class T5BucketBoundariesTest {

    static int walkSaturation(BucketSpec spec) {
        int last = T5Buckets.lastBucket(spec);
        for (int d = 0; ; d++) {
            if (T5Buckets.bucket(-d, spec) == last) return d;
            if (d > spec.maxDistance()) throw new IllegalStateException("no saturation");
        }
    }

    static long walkWidth(long distance, BucketSpec spec) {
        int b = T5Buckets.bucket(-distance, spec);
        if (b == T5Buckets.lastBucket(spec)) return -1;
        long first = distance;
        while (first > 0 && T5Buckets.bucket(-(first - 1), spec) == b) first--;
        long last = distance;
        while (T5Buckets.bucket(-(last + 1), spec) == b) last++;
        return last - first + 1;
    }

    static int walkDistinct(long from, long to, BucketSpec spec) {
        long end = Math.min(to, Math.max(from, walkSaturation(spec)));
        int count = 0;
        int previous = -1;
        for (long d = from; d <= end; d++) {
            int b = T5Buckets.bucket(-d, spec);
            if (b != previous) {
                count++;
                previous = b;
            }
        }
        return count;
    }

    static BucketSpec randomSpec(Random random) {
        boolean bidirectional = random.nextBoolean();
        int numBuckets = switch (random.nextInt(4)) {
            case 0 -> 32;
            case 1 -> bidirectional ? 4 + random.nextInt(8) : 2 + random.nextInt(10);
            case 2 -> 2 * (2 + random.nextInt(200));
            default -> 4 + random.nextInt(2000);
        };
        int perDirection = bidirectional ? numBuckets / 2 : numBuckets;
        int maxDistance = perDirection / 2 + 1 + random.nextInt(random.nextBoolean() ? 50 : 20_000);
        return new BucketSpec(numBuckets, maxDistance, bidirectional);
    }

    @Test
    void bisectionFindsTheBoundariesTheWalkFinds() {
        Random random = new Random(20261201L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 400; i++) {
                BucketSpec spec = randomSpec(random);
                int saturation = walkSaturation(spec);
                assertEquals(saturation, T5Buckets.saturationDistance(spec), spec.toString());
                for (int k = 0; k < 20; k++) {
                    long d = random.nextInt(saturation + 20);
                    assertEquals(walkWidth(d, spec), T5Buckets.bucketWidth(d, spec), spec + " width at " + d);
                    long from = random.nextInt(saturation + 5);
                    long to = from + random.nextInt(saturation + 50);
                    assertEquals(walkDistinct(from, to, spec), T5Buckets.distinctBuckets(from, to, spec),
                            spec + " distinct " + from + ".." + to);
                }
            }
        });
    }

    @Test
    void theBucketNeverDecreasesWithDistance() {
        Random random = new Random(7L);
        for (int i = 0; i < 100; i++) {
            BucketSpec spec = randomSpec(random);
            int previous = 0;
            for (long d = 0; d <= spec.maxDistance() + 2L; d++) {
                int b = T5Buckets.bucket(-d, spec);
                assertEquals(true, b >= previous, spec + " at " + d);
                previous = b;
            }
        }
    }

    @Test
    void aFarMaxDistanceEndsQuickly() {
        // Before bisection, 10^8 distances were walked per call (seconds each); the limit only checks that it ends.
        BucketSpec spec = new BucketSpec(32, 100_000_000, false);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            int saturation = T5Buckets.saturationDistance(spec);
            assertEquals(T5Buckets.lastBucket(spec), T5Buckets.bucket(-saturation, spec));
            assertEquals(T5Buckets.lastBucket(spec) - 1, T5Buckets.bucket(-(saturation - 1L), spec));
            assertEquals(32, T5Buckets.distinctBuckets(0, 99_999_999, spec));
        });
    }
}
