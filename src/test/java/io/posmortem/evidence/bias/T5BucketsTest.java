package io.posmortem.evidence.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.BucketSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * T5 buckets against transformers' T5Attention._relative_position_bucket, evaluated by hand in
 * Python float64 (relative_position = key - query). None of the distances below sits within
 * float32 rounding of a bucket boundary, so float32 and float64 agree on them.
 */
class T5BucketsTest {

    static final BucketSpec CAUSAL = new BucketSpec(32, 128, false);
    static final BucketSpec BIDIRECTIONAL = new BucketSpec(32, 128, true);

    @ParameterizedTest(name = "causal: key {0} tokens back -> bucket {1}")
    @CsvSource({"0,0", "1,1", "15,15", "16,16", "17,16", "20,17", "32,21", "64,26", "100,30", "112,30", "113,31",
            "127,31", "128,31", "500,31", "30000,31"})
    void causalBuckets(int back, int bucket) {
        // distance >= 16: 16 + trunc(ln(d/16) / ln(8) * 16), capped at 31. E.g. d = 64: 16 + trunc(10.67) = 26.
        assertEquals(bucket, T5Buckets.bucket(-back, CAUSAL));
    }

    @ParameterizedTest(name = "bidirectional: relative position {0} -> bucket {1}")
    @CsvSource({"-1,1", "0,0", "1,17", "7,23", "8,24", "-8,8", "91,31", "-91,15", "-90,14", "200,31"})
    void bidirectionalBuckets(int relative, int bucket) {
        assertEquals(bucket, T5Buckets.bucket(relative, BIDIRECTIONAL));
    }

    @Test
    void keysAfterTheQueryFoldIntoBucketZeroWhenCausal() {
        assertEquals(0, T5Buckets.bucket(5, CAUSAL));
    }

    @Test
    void saturationComesBeforeMaxDistance() {
        // Causal: bucket 31 once 16 ln(d/16)/ln 8 >= 15, i.e. d >= 16 * 8^(15/16) = 112.40 -> 113.
        assertEquals(113, T5Buckets.saturationDistance(CAUSAL));
        // Bidirectional: 16 buckets per side; d >= 8 * 16^(7/8) = 90.51 -> 91.
        assertEquals(91, T5Buckets.saturationDistance(BIDIRECTIONAL));
        assertEquals(31, T5Buckets.lastBucket(CAUSAL));
        assertEquals(15, T5Buckets.lastBucket(BIDIRECTIONAL));
        assertEquals(16, T5Buckets.exactDistances(CAUSAL));
    }

    @Test
    void distinctBucketsCountWhatARangeOfDistancesCanTellApart() {
        assertEquals(1, T5Buckets.distinctBuckets(500, 30_000, CAUSAL));
        assertEquals(1, T5Buckets.distinctBuckets(4095, 32767, CAUSAL));
        assertEquals(16, T5Buckets.distinctBuckets(0, 15, CAUSAL));
        assertEquals(32, T5Buckets.distinctBuckets(0, 1_000_000, CAUSAL));
    }
}
