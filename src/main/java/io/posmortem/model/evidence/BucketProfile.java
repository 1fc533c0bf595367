package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * Subject-level T5 bucket numbers.
 *
 * @param exactDistances               distances below this get a bucket of their own
 * @param lastBucket                   index of the bucket every far distance shares
 * @param saturationDistance           smallest distance that lands in {@code lastBucket}
 * @param saturatedFrom                the first context length whose first token is that far back
 * @param distinctBucketsBeyondTrained distinct buckets among distances from the trained to the target length
 */
public record BucketProfile(
        String subject,
        String build,
        int numBuckets,
        int maxDistance,
        boolean bidirectional,
        int exactDistances,
        int lastBucket,
        int saturationDistance,
        int saturatedFrom,
        int distinctBucketsBeyondTrained,
        int trainedContext,
        int targetContext) implements BuildScoped {}
