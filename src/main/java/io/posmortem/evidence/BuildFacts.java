package io.posmortem.evidence;

import io.posmortem.model.Numbers;
import io.posmortem.model.evidence.BuildFact;
import io.posmortem.model.knowledge.BuildCase;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a build's reported configuration and runtime facts into named states
 * ({@link BuildFact#STATES}). Reported values are compared with the configured or trained ones
 * with a relative tolerance (threshold {@code runtime.match-tolerance}); a fact the build does not
 * report gives no state. Which hypotheses a state supports is knowledge (runtime-facts.yaml).
 */
public final class BuildFacts {
    private BuildFacts() {}

    /**
     * @param configuredAttentionFactor the attention factor the configured rope_scaling calls for
     *                                  (1 without one)
     * @param longestDegraded           the longest context any degraded observation reaches (0: none)
     */
    public static List<BuildFact> of(BuildCase c, double configuredAttentionFactor, int longestDegraded, double tolerance) {
        List<BuildFact> out = new ArrayList<>();
        String b = c.build();
        out.add(new BuildFact(b, "retrofit-kind", c.retrofitKind(), "the build states retrofit '" + c.retrofitKind() + "'"));
        out.add(new BuildFact(b, "configured-method", c.configuredMethod(), c.configuredMethod().equals("default")
                ? "the build configures no rope scaling (plain RoPE)" : "the build's rope_scaling block configures " + c.configuredMethod()));
        out.add(new BuildFact(b, "scaling-asked", c.factor() > 1 ? "yes" : "no", "the build asks for factor " + n(c.factor())));
        switch (c.fineTuned()) {
            case YES -> out.add(new BuildFact(b, "fine-tuned", "yes", "the build was fine-tuned (or trained) after the change"));
            case NO -> out.add(new BuildFact(b, "fine-tuned", "no", "the build was not fine-tuned after the change"));
            default -> { }
        }
        if (c.reportedBase() != null) {
            out.add(new BuildFact(b, "runtime-base", agrees(c.reportedBase(), c.modelBase(), tolerance) ? "trained" : "other",
                    "the runtime reports rope_theta " + n(c.reportedBase()) + "; the model was trained with " + n(c.modelBase())));
        }
        if (c.reportedFactor() != null) {
            String state = agrees(c.reportedFactor(), c.factor(), tolerance) ? "as-configured"
                    : c.reportedFactor() <= 1.0 && c.factor() > 1.0 ? "dropped" : "other";
            out.add(new BuildFact(b, "runtime-factor", state,
                    "the runtime reports scaling factor " + n(c.reportedFactor()) + "; the build asks for " + n(c.factor())));
        }
        if (c.reportedAttentionFactor() != null) {
            double r = c.reportedAttentionFactor();
            String state = agrees(r, configuredAttentionFactor, tolerance) ? "as-configured" : r < configuredAttentionFactor ? "lower" : "higher";
            out.add(new BuildFact(b, "attention-factor", state, "the runtime reports attention factor " + n(r) + "; the configured "
                    + c.configuredMethod() + " calls for " + n(configuredAttentionFactor)));
        }
        if (c.ropeDtype() != null) {
            out.add(new BuildFact(b, "rope-dtype", c.ropeDtype(), "the runtime computes rotary angles in " + c.ropeDtype()));
        }
        if (c.contextWindow() != null) {
            int w = c.contextWindow();
            String state = w >= c.targetContext() ? "covers" : w < longestDegraded ? "short-of-observed" : "short-of-target";
            out.add(new BuildFact(b, "runtime-window", state, "the runtime serves a " + n(w) + "-token window for a " + n(c.targetContext())
                    + "-token target" + (longestDegraded > 0 ? ", and the degraded observations reach " + n(longestDegraded) + " tokens" : "")));
            out.add(new BuildFact(b, "allocated-window", c.contextWindow() <= c.trainedContext() ? "within-original" : "beyond-original",
                    "the engine allocates " + n(c.contextWindow()) + " tokens; the original window is " + n(c.trainedContext())));
        }
        if (c.slidingWindow() == null) {
            out.add(new BuildFact(b, "sliding-window", "none", "the model has no trained sliding window"));
        } else if (c.runtimeSlidingWindow() != null) {
            boolean applied = c.runtimeSlidingWindow();
            out.add(new BuildFact(b, "sliding-window", applied ? "applied" : "ignored", "the model was trained with a "
                    + n(c.slidingWindow()) + "-token sliding window and the runtime reports " + (applied ? "applying" : "not applying") + " it"));
        }
        if (c.kvCacheDtype() != null) {
            String state = List.of("fp32", "fp16", "bf16").contains(c.kvCacheDtype()) ? "full" : c.kvCacheDtype().equals("int4") ? "4-bit" : "8-bit";
            out.add(new BuildFact(b, "kv-cache", state, "the runtime keeps the KV cache in " + c.kvCacheDtype()));
        }
        if (c.prefixCaching() != null) {
            out.add(new BuildFact(b, "prefix-caching", c.prefixCaching() ? "on" : "off", "the runtime reports prefix caching "
                    + (c.prefixCaching() ? "on: cached keys are reused across requests" : "off")));
        }
        return List.copyOf(out);
    }

    /** Whether a reported value agrees with the expected one within a relative tolerance. */
    static boolean agrees(double reported, double expected, double tolerance) {
        return reported <= expected * (1 + tolerance) && reported >= expected * (1 - tolerance);
    }

    private static String n(double v) {
        return Numbers.format(v);
    }
}
