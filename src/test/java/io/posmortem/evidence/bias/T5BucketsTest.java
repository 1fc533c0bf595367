package io.posmortem.evidence.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.positional.BucketSpec;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    /**
     * Every relative position in [-40000, 40000] for eight configurations (both directions modes;
     * 32/128, 64/256, 128/2048, 8/20) against {@code src/test/resources/oracle/t5-torch.json}:
     * the operations of transformers' {@code T5Attention._relative_position_bucket} run with torch
     * 1.13 on CPU ({@code t5_oracle.py}), float32 logarithm included.
     */
    @Test
    void everyRelativePositionMatchesTorch() throws IOException {
        JsonNode oracle;
        try (InputStream in = getClass().getResourceAsStream("/oracle/t5-torch.json")) {
            oracle = JsonMapper.builder().build().readTree(in);
        }
        long checked = 0;
        for (JsonNode c : oracle.get("cases")) {
            BucketSpec spec = new BucketSpec(c.get("num_buckets").asInt(), c.get("max_distance").asInt(), c.get("bidirectional").asBoolean());
            JsonNode runs = c.get("runs");
            long to = c.get("to").asLong();
            for (int r = 0; r < runs.size(); r++) {
                long start = runs.get(r).get(0).asLong();
                long end = r + 1 < runs.size() ? runs.get(r + 1).get(0).asLong() - 1 : to;
                int expected = runs.get(r).get(1).asInt();
                for (long rel = start; rel <= end; rel++) {
                    if (T5Buckets.bucket(rel, spec) != expected) {
                        assertEquals(expected, T5Buckets.bucket(rel, spec), spec + " relative position " + rel);
                    }
                    checked++;
                }
            }
        }
        assertEquals(8 * 80_001L, checked);
    }

    @Test
    void bucketWidthCountsTheDistancesSharingABucket() {
        // Causal 32/128: distances 0..15 exact (width 1). Bucket 16 + k holds d with
        // k <= 16 ln(d/16)/ln 8 < k + 1, i.e. 16 * 8^(k/16) <= d < 16 * 8^((k+1)/16):
        // k = 0: [16, 18.22) -> 16..18; k = 14: [98.70, 112.40) -> 99..112. From 113 on: bucket 31 (-1).
        assertEquals(1, T5Buckets.bucketWidth(7, CAUSAL));
        assertEquals(3, T5Buckets.bucketWidth(17, CAUSAL));
        assertEquals(14, T5Buckets.bucketWidth(105, CAUSAL));
        assertEquals(-1, T5Buckets.bucketWidth(113, CAUSAL));
        assertEquals(-1, T5Buckets.bucketWidth(20_000, CAUSAL));
    }
}
