package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.evidence.RopeProfile;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.positional.AlibiSpec;
import io.posmortem.model.positional.BucketSpec;
import io.posmortem.model.positional.RopeMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A subject's configuration as the keys a model config uses, in a fixed order per mechanism. This
 * stays a map on purpose: it mirrors an open config dictionary ({@code method} first, then the
 * mechanism's own keys), and renderers print it key by key.
 */
final class SubjectParameters {
    private SubjectParameters() {}

    /**
     * Concrete parameters of a subject's configuration. A RoPE subject also gets the pair ranges
     * its mapping leaves unscaled ({@code |s - 1| <= 1e-12}), scales fully by the factor
     * ({@code |s - factor| <= 1e-9 factor}) and scales partially (the rest).
     */
    static Map<String, Object> of(Subject subject, BuildEvidence evidence) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (subject.spec() instanceof RopeMapping mapping) {
            RopeProfile profile = evidence.ropeProfiles().stream().filter(p -> p.subject().equals(subject.id())).findFirst().orElseThrow();
            m.put("method", mapping.method());
            m.put("base", Numbers.round(mapping.base()));
            if (profile.effectiveBase() != mapping.base()) m.put("rope_theta", Numbers.round(profile.effectiveBase()));
            m.put("factor", Numbers.round(profile.factor()));
            if (mapping instanceof RopeMapping.Yarn y) {
                m.put("original_max_position_embeddings", y.originalContext());
                m.put("beta_fast", y.betaFast());
                m.put("beta_slow", y.betaSlow());
            }
            m.put("max_position_embeddings", profile.targetContext());
            m.put("attention_factor", Numbers.round(profile.attentionFactor()));
            List<RotaryPair> pairs = evidence.rotaryPairs().stream().filter(p -> p.subject().equals(subject.id())).toList();
            double factor = profile.factor();
            m.put("unscaled_pairs", ranges(pairs, p -> Math.abs(p.scale() - 1) <= 1e-12));
            m.put("partially_scaled_pairs", ranges(pairs, p -> Math.abs(p.scale() - 1) > 1e-12 && Math.abs(p.scale() - factor) > 1e-9 * factor));
            m.put("fully_interpolated_pairs", factor == 1 ? "" : ranges(pairs, p -> Math.abs(p.scale() - factor) <= 1e-9 * factor
                    && Math.abs(p.scale() - 1) > 1e-12));
        } else if (subject.spec() instanceof AlibiSpec a) {
            m.put("method", "alibi");
            m.put("heads", a.heads());
        } else if (subject.spec() instanceof BucketSpec b) {
            m.put("method", "t5-buckets");
            m.put("num_buckets", b.numBuckets());
            m.put("max_distance", b.maxDistance());
            m.put("bidirectional", b.bidirectional());
        }
        return m;
    }

    /** A transformers {@code rope_scaling} block for a RoPE subject, or null when it is not a RoPE mapping. */
    static Map<String, Object> ropeScaling(Subject subject, BuildEvidence evidence) {
        if (!(subject.spec() instanceof RopeMapping mapping)) return null;
        double effectiveBase = evidence.ropeProfiles().stream().filter(p -> p.subject().equals(subject.id()))
                .findFirst().map(RopeProfile::effectiveBase).orElse(mapping.base());
        return RopeScalingBlock.of(mapping, effectiveBase);
    }

    /** Pair indices matching a test, as compact ranges: "0-20, 23". */
    static String ranges(List<RotaryPair> pairs, Predicate<RotaryPair> test) {
        List<String> parts = new ArrayList<>();
        int start = -1;
        int prev = -2;
        for (RotaryPair p : pairs) {
            if (!test.test(p)) continue;
            if (p.index() != prev + 1) {
                if (start >= 0) parts.add(start == prev ? String.valueOf(start) : start + "-" + prev);
                start = p.index();
            }
            prev = p.index();
        }
        if (start >= 0) parts.add(start == prev ? String.valueOf(start) : start + "-" + prev);
        return String.join(", ", parts);
    }
}
