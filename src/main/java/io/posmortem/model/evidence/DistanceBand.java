package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * What a relative-bias subject does to keys a given range of distances back, for an observation's
 * context band: the ALiBi penalty range in nats, or the T5 buckets the distances fall into.
 * ALiBi fields are NaN for T5 subjects and bucket fields -1 for ALiBi subjects.
 *
 * @param minPenaltyNats smallest penalty any head puts on a key in the range (gentlest head, nearest key)
 * @param maxPenaltyNats gentlest head's penalty at the far end of the range
 */
public record DistanceBand(
        String subject,
        String build,
        String observation,
        int fromDistance,
        int toDistance,
        double minPenaltyNats,
        double maxPenaltyNats,
        int firstBucket,
        int lastBucket,
        int distinctBuckets) implements BuildScoped {}
