package io.posmortem.evidence;

import io.posmortem.model.Dtype;
import io.posmortem.model.Numbers;
import io.posmortem.model.Tri;
import io.posmortem.model.evidence.ReportedFact;
import io.posmortem.model.knowledge.BuildCase;
import io.posmortem.model.evidence.RuntimeReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a build's reported configuration and runtime facts into named states
 * ({@link ReportedFact#STATES}). Reported values are compared with the configured or trained ones
 * with a relative tolerance (threshold {@code runtime.match-tolerance}); a fact the build does not
 * report gives no state. Which hypotheses a state supports is knowledge (runtime-facts.yaml).
 */
public final class ReportedFacts {
    private ReportedFacts() {}

    /**
     * @param configuredAttentionFactor the attention factor the configured rope_scaling calls for
     *                                  (1 without one)
     * @param longestDegraded           the longest context any degraded observation reaches (0: none)
     */
    public static List<ReportedFact> of(BuildCase c, RuntimeReport r, double configuredAttentionFactor, int longestDegraded, double tolerance) {
        List<ReportedFact> out = new ArrayList<>();
        String b = c.build();
        out.add(new ReportedFact(b, "retrofit-kind", c.retrofitKind(), "the build states retrofit '" + c.retrofitKind() + "'"));
        out.add(new ReportedFact(b, "configured-method", c.configuredMethod(), c.configuredMethod().equals("default")
                ? "the build configures no rope scaling (plain RoPE)" : "the build's rope_scaling block configures " + c.configuredMethod()));
        if (c.engine() != null) {
            out.add(new ReportedFact(b, "engine", c.engine(), "the runtime the build names is engine " + c.engine()));
        }
        out.add(new ReportedFact(b, "scaling-asked", c.factor() > 1 ? "yes" : "no", "the build asks for factor " + n(c.factor())));
        switch (c.fineTuned()) {
            case YES -> out.add(new ReportedFact(b, "fine-tuned", "yes", "the build was fine-tuned (or trained) after the change"));
            case NO -> out.add(new ReportedFact(b, "fine-tuned", "no", "the build was not fine-tuned after the change"));
            default -> { }
        }
        if (r.reportedBase() != null) {
            out.add(new ReportedFact(b, "runtime-base", agrees(r.reportedBase(), c.modelBase(), tolerance) ? "trained" : "other",
                    "the runtime reports rope_theta " + n(r.reportedBase()) + "; the model was trained with " + n(c.modelBase())));
        }
        if (r.reportedFactor() != null) {
            String state = agrees(r.reportedFactor(), c.factor(), tolerance) ? "as-configured"
                    : r.reportedFactor() <= 1.0 && c.factor() > 1.0 ? "dropped" : "other";
            out.add(new ReportedFact(b, "runtime-factor", state,
                    "the runtime reports scaling factor " + n(r.reportedFactor()) + "; the build asks for " + n(c.factor())));
        }
        if (r.reportedAttentionFactor() != null) {
            double a = r.reportedAttentionFactor();
            String state = agrees(a, configuredAttentionFactor, tolerance) ? "as-configured" : a < configuredAttentionFactor ? "lower" : "higher";
            out.add(new ReportedFact(b, "attention-factor", state, "the runtime reports attention factor " + n(a) + "; the configured "
                    + c.configuredMethod() + " calls for " + n(configuredAttentionFactor)));
        }
        if (r.ropeDtype() != null) {
            out.add(new ReportedFact(b, "rope-dtype", r.ropeDtype(), "the runtime computes rotary angles in " + r.ropeDtype()));
        }
        if (r.contextWindow() != null) {
            int w = r.contextWindow();
            String state = w >= c.targetContext() ? "covers" : w < longestDegraded ? "short-of-observed" : "short-of-target";
            out.add(new ReportedFact(b, "runtime-window", state, "the runtime serves a " + n(w) + "-token window for a " + n(c.targetContext())
                    + "-token target" + (longestDegraded > 0 ? ", and the degraded observations reach " + n(longestDegraded) + " tokens" : "")));
            out.add(new ReportedFact(b, "allocated-window", r.contextWindow() <= c.trainedContext() ? "within-original" : "beyond-original",
                    "the engine allocates " + n(r.contextWindow()) + " tokens; the original window is " + n(c.trainedContext())));
        }
        if (c.slidingWindow() == null) {
            out.add(new ReportedFact(b, "sliding-window", "none", "the model has no trained sliding window"));
        } else if (r.slidingWindow() != Tri.UNKNOWN) {
            boolean applied = r.slidingWindow() == Tri.YES;
            out.add(new ReportedFact(b, "sliding-window", applied ? "applied" : "ignored", "the model was trained with a "
                    + n(c.slidingWindow()) + "-token sliding window and the runtime reports " + (applied ? "applying" : "not applying") + " it"));
        }
        if (r.kvCacheDtype() != null) {
            Dtype kv = Dtype.of(r.kvCacheDtype());
            String state = !kv.quantized() ? "full" : kv.bits() == 4 ? "4-bit" : "8-bit";
            out.add(new ReportedFact(b, "kv-cache", state, "the runtime keeps the KV cache in " + r.kvCacheDtype()));
        }
        if (r.prefixCaching() != Tri.UNKNOWN) {
            boolean on = r.prefixCaching() == Tri.YES;
            out.add(new ReportedFact(b, "prefix-caching", on ? "on" : "off", "the runtime reports prefix caching "
                    + (on ? "on: cached keys are reused across requests" : "off")));
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
