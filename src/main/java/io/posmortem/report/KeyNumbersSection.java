package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.evidence.DistanceBand;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.positional.AlibiSpec;
import io.posmortem.model.positional.BucketSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What each relative-bias candidate does to the keys of each observed band (numbers no reason
 * states), one sentence per subject and distance range: ALiBi as the gentlest head's penalty, T5
 * buckets as the buckets the range falls into. RoPE subjects have none.
 */
final class KeyNumbersSection {
    private KeyNumbersSection() {}

    static List<KeyNumber> build(BuildEvidence evidence) {
        List<KeyNumber> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (DistanceBand band : evidence.distanceBands()) {
            Subject s = evidence.subjects().stream().filter(x -> x.id().equals(band.subject())).findFirst().orElseThrow();
            if (!seen.add(band.subject() + "|" + band.fromDistance() + "|" + band.toDistance())) continue;
            String range = Numbers.format(band.fromDistance()) + "-" + Numbers.format(band.toDistance()) + " tokens back";
            if (s.spec() instanceof AlibiSpec) {
                out.add(new KeyNumber(s.hypothesis(), "a key " + range + " costs at least " + Numbers.format(band.minPenaltyNats())
                        + " nats in every head (the gentlest head: " + Numbers.format(band.minPenaltyNats()) + " to "
                        + Numbers.format(band.maxPenaltyNats()) + " nats)"));
            } else if (s.spec() instanceof BucketSpec) {
                out.add(new KeyNumber(s.hypothesis(), "keys " + range + " fall into bucket" + (band.distinctBuckets() == 1
                        ? " " + band.firstBucket() : "s " + band.firstBucket() + "-" + band.lastBucket()) + " ("
                        + band.distinctBuckets() + " distinct): the same bias whatever the distance"));
            }
        }
        return out;
    }
}
