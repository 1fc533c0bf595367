package io.posmortem.evidence;

import io.posmortem.evidence.bias.AlibiSlopes;
import io.posmortem.evidence.bias.T5Buckets;
import io.posmortem.evidence.rope.InverseFrequencies;
import io.posmortem.evidence.rope.RotaryPairs;
import io.posmortem.model.AlibiProfile;
import io.posmortem.model.AlibiSpec;
import io.posmortem.model.BucketProfile;
import io.posmortem.model.BucketSpec;
import io.posmortem.model.BuildCase;
import io.posmortem.model.BuildEvidence;
import io.posmortem.model.BuildSpec;
import io.posmortem.model.DistanceBand;
import io.posmortem.model.EvidenceSettings;
import io.posmortem.model.ModelSpec;
import io.posmortem.model.Observation;
import io.posmortem.model.PairBand;
import io.posmortem.model.RopeMapping;
import io.posmortem.model.RopeProfile;
import io.posmortem.model.RotaryPair;
import io.posmortem.model.Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes a build's evidence: for every subject, the numbers of its positional configuration at
 * the build's trained and target lengths; for relative-bias subjects also, per observation, what
 * the bias does to the earliest keys of the observed context band.
 */
public final class CaseEvidence {
    private CaseEvidence() {}

    public static BuildEvidence compute(ModelSpec model, BuildSpec build, BuildCase buildCase, List<Subject> subjects,
                                        EvidenceSettings settings) {
        int trained = model.trainedContext();
        int target = build.retrofit().targetContext();
        List<RopeProfile> ropeProfiles = new ArrayList<>();
        List<RotaryPair> pairs = new ArrayList<>();
        List<AlibiProfile> alibi = new ArrayList<>();
        List<BucketProfile> buckets = new ArrayList<>();
        List<DistanceBand> bands = new ArrayList<>();
        for (Subject subject : subjects) {
            if (subject.spec() instanceof RopeMapping mapping) {
                int dims = model.rotaryDims();
                double[] trainedInv = InverseFrequencies.unscaled(dims, model.ropeBase());
                double[] mappedInv = InverseFrequencies.of(dims, mapping, target);
                List<RotaryPair> subjectPairs = RotaryPairs.evaluate(subject.id(), build.id(), trainedInv, mappedInv,
                        trained, target, settings);
                pairs.addAll(subjectPairs);
                ropeProfiles.add(new RopeProfile(subject.id(), build.id(), mapping.method(), dims, dims / 2,
                        model.ropeBase(), InverseFrequencies.effectiveBase(dims, mapping, target),
                        InverseFrequencies.factor(dims, mapping), InverseFrequencies.attentionFactor(mapping),
                        count(subjectPairs, PairBand.LOCAL), count(subjectPairs, PairBand.LONG_RANGE), trained, target));
            } else if (subject.spec() instanceof AlibiSpec spec) {
                double[] slopes = AlibiSlopes.of(spec.heads());
                double gentlest = AlibiSlopes.gentlest(slopes);
                long reach = AlibiSlopes.reach(gentlest, settings.unreachableNats());
                alibi.add(new AlibiProfile(subject.id(), build.id(), spec.heads(), Arrays.stream(slopes).boxed().toList(), gentlest, AlibiSlopes.steepest(slopes),
                        settings.unreachableNats(), reach, (int) Math.min(Integer.MAX_VALUE, reach + 1),
                        AlibiSlopes.penalty(gentlest, trained - 1), AlibiSlopes.penalty(gentlest, target - 1), trained, target));
                for (Observation o : build.observations()) {
                    long near = o.fromTokens() - 1L;
                    long far = o.toTokens() - 1L;
                    bands.add(new DistanceBand(subject.id(), build.id(), o.id(), (int) near, (int) far,
                            AlibiSlopes.penalty(gentlest, near), AlibiSlopes.penalty(gentlest, far), -1, -1, -1));
                }
            } else if (subject.spec() instanceof BucketSpec spec) {
                int saturation = T5Buckets.saturationDistance(spec);
                buckets.add(new BucketProfile(subject.id(), build.id(), spec.numBuckets(), spec.maxDistance(),
                        spec.bidirectional(), T5Buckets.exactDistances(spec), T5Buckets.lastBucket(spec), saturation, saturation + 1,
                        T5Buckets.distinctBuckets(trained - 1L, target - 1L, spec), trained, target));
                for (Observation o : build.observations()) {
                    long near = o.fromTokens() - 1L;
                    long far = o.toTokens() - 1L;
                    bands.add(new DistanceBand(subject.id(), build.id(), o.id(), (int) near, (int) far, Double.NaN, Double.NaN,
                            T5Buckets.bucket(-near, spec), T5Buckets.bucket(-far, spec), T5Buckets.distinctBuckets(near, far, spec)));
                }
            }
        }
        return new BuildEvidence(buildCase, subjects, List.copyOf(ropeProfiles), List.copyOf(pairs), List.copyOf(alibi),
                List.copyOf(buckets), List.copyOf(bands));
    }

    private static int count(List<RotaryPair> pairs, PairBand band) {
        return (int) pairs.stream().filter(p -> p.band() == band).count();
    }
}
