package io.posmortem.evidence;

import io.posmortem.model.Dtype;
import io.posmortem.model.Numbers;
import io.posmortem.model.Tri;
import io.posmortem.model.evidence.ReportedFact;
import io.posmortem.model.knowledge.BuildCase;
import io.posmortem.model.evidence.ModelLayers;
import io.posmortem.model.evidence.PositionReport;
import io.posmortem.model.evidence.RuntimeReport;
import io.posmortem.model.input.Observation;
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
     * @param newBase                   the base the build sets ({@code retrofit.new_base}), or null
     * @param rotaryDims                the dimensions of each head the model rotates, int(head_dim x rotary_fraction)
     */
    public static List<ReportedFact> of(BuildCase c, RuntimeReport r, PositionReport p, List<ModelLayers> layers,
                                        List<Observation> observations, double configuredAttentionFactor, int longestDegraded,
                                        Double newBase, double tolerance, int rotaryDims) {
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
            boolean trained = agrees(r.reportedBase(), c.modelBase(), tolerance);
            boolean lost = trained && newBase != null && !agrees(newBase, c.modelBase(), tolerance);
            out.add(new ReportedFact(b, "runtime-base", lost ? "dropped" : trained ? "trained" : "other",
                    "the runtime reports rope_theta " + n(r.reportedBase()) + "; the model was trained with " + n(c.modelBase())
                            + (newBase == null ? "" : " and the build sets " + n(newBase))));
        }
        if (r.reportedFactor() != null) {
            String state = agrees(r.reportedFactor(), c.factor(), tolerance) ? "as-configured"
                    : c.factor() > 1.0 && agrees(r.reportedFactor(), 1 / c.factor(), tolerance) ? "inverted"
                    : c.factor() > 1.0 && agrees(r.reportedFactor(), 1.0, tolerance) ? "dropped" : "other";
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
        } else if (c.backendWindow() != null) {
            boolean applied = c.backendWindow().equals("applied");
            out.add(new ReportedFact(b, "backend-window", c.backendWindow(), "the model was trained with a " + n(c.slidingWindow())
                    + "-token sliding window, the runtime does not say whether it applies it, and the " + r.attentionBackend()
                    + " backend of engine " + c.engine() + " " + (applied
                            ? "applies a sliding window or refuses to serve a model that has one"
                            : "is said by the engine's own code or maintainers not to implement it, for some models or versions")
                    + " (knowledge-base/engines.yaml)"));
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
        served(out, c, r, tolerance, rotaryDims);
        positions(out, b, p);
        model(out, c, r, layers);
        Tri batch = observations.stream().map(Observation::batchDependent).reduce(Tri.UNKNOWN,
                (x, y) -> x == Tri.YES || y == Tri.YES ? Tri.YES : x == Tri.NO || y == Tri.NO ? Tri.NO : Tri.UNKNOWN);
        if (batch != Tri.UNKNOWN) {
            out.add(new ReportedFact(b, "batch-dependent", batch == Tri.YES ? "yes" : "no", batch == Tri.YES
                    ? "the same prompt answers differently alone, in a batch or with other padding"
                    : "answers do not depend on the batch or the padding"));
        }
        return List.copyOf(out);
    }

    /** What the engine ran of RoPE beyond its base and factor: its rope_scaling block, how it applies it, logits, weights, kernels. */
    private static void served(List<ReportedFact> out, BuildCase c, RuntimeReport r, double tolerance, int rotaryDims) {
        String b = c.build();
        if (r.servedMethod() != null) {
            String configured = c.configuredMethod();
            String state = !r.servedMethod().equals(configured)
                    ? (r.servedMethod().equals("default") ? "dropped" : "other-method")
                    : r.servedFactor() != null && !agrees(r.servedFactor(), c.factor(), tolerance) ? "other-factor" : "as-configured";
            out.add(new ReportedFact(b, "served-scaling", state, "the engine ran rope_scaling " + r.servedMethod()
                    + (r.servedFactor() == null ? "" : " with factor " + n(r.servedFactor())) + "; the build configures " + configured
                    + (configured.equals("default") ? "" : " with factor " + n(c.factor()))));
        }
        if (r.scalingApplied() != null) {
            out.add(new ReportedFact(b, "scaling-applied", r.scalingApplied(), switch (r.scalingApplied()) {
                case "static" -> "the engine applies the scaling at every length, short prompts included";
                case "per-length" -> "the engine applies the scaling per length, only past the trained window";
                default -> "the engine does not apply the configured scaling";
            }));
        } else if (c.engineScaling() != null && c.configuredMethod().equals("dynamic")) {
            out.add(new ReportedFact(b, "scaling-applied", c.engineScaling(), "engine " + c.engine() + " " + switch (c.engineScaling()) {
                case "static" -> "applies dynamic NTK with one base for every request, the base the factor reaches at its full length: "
                        + "short prompts included, and nothing depends on earlier requests";
                case "per-length" -> "recomputes dynamic NTK's base per sequence length, keeping keys cached under earlier bases";
                default -> "does not implement dynamic NTK: it runs plain RoPE at every length";
            } + " (knowledge-base/engines.yaml)"));
        }
        if (c.engineScaling() != null && c.configuredMethod().equals("longrope")) {
            out.add(new ReportedFact(b, "longrope-factors", c.engineScaling(), "engine " + c.engine() + " " + switch (c.engineScaling()) {
                case "by-allocation" -> "chooses LongRoPE's factor list once, from the allocated window";
                case "mid-sequence" -> "switches LongRoPE's factor list inside a sequence without re-rotating the cached keys";
                default -> "switches LongRoPE's factor list at the original length and recomputes the cache";
            } + " (knowledge-base/engines.yaml)"));
        }
        if (r.lognAttention() != Tri.UNKNOWN) {
            boolean on = r.lognAttention() == Tri.YES;
            boolean dropped = !on && c.lognAttention() == Tri.YES;
            out.add(new ReportedFact(b, "logn-attention", on ? "on" : dropped ? "dropped" : "off", on
                    ? "the engine scales attention logits by log(n) / log(" + n(c.trainedContext()) + ") past the trained length"
                    : dropped ? "the model's config sets use_logn_attn, and the engine does not scale attention logits with length: past "
                            + n(c.trainedContext()) + " tokens they miss the factor log(n) / log(" + n(c.trainedContext()) + "), "
                            + n(Math.log(c.targetContext()) / Math.log(c.trainedContext())) + " at " + n(c.targetContext()) + " tokens"
                    : "the engine does not scale attention logits with length"));
        }
        if (r.weightBits() != null) {
            int bits = r.weightBits();
            out.add(new ReportedFact(b, "weight-bits", bits >= 16 ? "full" : bits == 8 ? "8-bit" : "low-bit",
                    bits >= 16 ? "the weights are not quantized" : "the weights are quantized to " + bits + " bits"));
        }
        if (r.attentionBackend() != null) {
            out.add(new ReportedFact(b, "attention-backend", r.attentionBackend(), "attention runs on the " + r.attentionBackend() + " implementation"));
        }
        if (r.rotaryDims() != null && c.encoding().equals("rope")) {
            boolean same = r.rotaryDims() == rotaryDims;
            out.add(new ReportedFact(b, "rotary-dims", same ? "as-trained" : "other", "the engine rotates " + n(r.rotaryDims())
                    + " dimensions of each head; the model was trained rotating " + n(rotaryDims)));
        }
        if (r.rotaryLayout() != null && c.rotaryLayout() != null) {
            boolean same = r.rotaryLayout().equals(c.rotaryLayout());
            out.add(new ReportedFact(b, "rotary-layout", same ? "matches" : "differs", "the engine rotates " + r.rotaryLayout()
                    + " pairs; the model's weights expect " + c.rotaryLayout()));
        }
    }

    /** Context shifts, padding, packing, chunked prefill and remapping. */
    private static void positions(List<ReportedFact> out, String b, PositionReport p) {
        if (p.contextShift() != Tri.UNKNOWN) {
            boolean on = p.contextShift() == Tri.YES;
            out.add(new ReportedFact(b, "context-shift", on ? "on" : "off", on
                    ? "when the context fills up, the engine drops old tokens and re-rotates the cached keys"
                    : "the engine does not shift a full context"));
            if (on && p.keep() != null) {
                out.add(new ReportedFact(b, "shift-keeps-start", p.keep() > 0 ? "yes" : "no", p.keep() > 0
                        ? "a shift keeps the first " + n(p.keep()) + " tokens" : "a shift drops even the first token (n_keep 0)"));
            }
        }
        if (p.leftPadding() == Tri.YES && p.positionIdsFromMask() != Tri.UNKNOWN) {
            boolean fromMask = p.positionIdsFromMask() == Tri.YES;
            out.add(new ReportedFact(b, "padded-position-ids", fromMask ? "from-mask" : "shared-counter", fromMask
                    ? "batched prompts are left-padded and each row's positions start after its padding"
                    : "batched prompts are left-padded and share one position counter: a padded row starts at a later position"));
        }
        if (p.packedSequences() == Tri.YES && p.positionReset() != Tri.UNKNOWN) {
            boolean reset = p.positionReset() == Tri.YES;
            out.add(new ReportedFact(b, "packing", reset ? "resets" : "no-reset", reset
                    ? "packed documents restart at position 0" : "packed documents continue the positions of the one before"));
        }
        if (p.chunkedPrefill() != Tri.UNKNOWN) {
            boolean on = p.chunkedPrefill() == Tri.YES;
            out.add(new ReportedFact(b, "chunked-prefill", on ? "on" : "off", "the engine prefills long prompts " + (on ? "in chunks" : "at once")));
        }
        if (p.remapMethod() != null) {
            out.add(new ReportedFact(b, "position-remap", p.remapMethod(), "the engine remaps positions with " + p.remapMethod()
                    + (p.groupSize() == null ? "" : ", group size " + n(p.groupSize()))
                    + (p.neighborWindow() == null ? "" : ", exact within " + n(p.neighborWindow()) + " tokens")));
        }
    }

    /** How the model was trained: per-layer schemes and the length served against the lengths trained. */
    private static void model(List<ReportedFact> out, BuildCase c, RuntimeReport r, List<ModelLayers> layers) {
        String b = c.build();
        String window = c.targetContext() <= c.trainedContext() ? "inside-trained"
                : c.targetContext() <= c.longestTrained() ? "inside-stages" : "beyond-trained";
        out.add(new ReportedFact(b, "target-window", window, "the build serves " + n(c.targetContext()) + " tokens; the model was trained at "
                + n(c.trainedContext()) + (c.longestTrained() > c.trainedContext() ? " and later at " + n(c.longestTrained()) : "")));
        if (c.encoding().equals("rope") && layers.stream().noneMatch(l -> l.globalEvery() != null)) {
            out.add(new ReportedFact(b, "local-global-layers", "no", "the file gives no local/global layer scheme (model.layers.global_every): every layer rotates alike"));
        }
        for (ModelLayers l : layers) {
            if (l.globalEvery() != null) {
                out.add(new ReportedFact(b, "local-global-layers", "yes", "one layer in " + l.globalEvery() + " is global; the others are local"
                        + (l.localRopeBase() == null ? "" : " with RoPE base " + n(l.localRopeBase()))
                        + (l.localWindow() == null ? "" : " and a " + n(l.localWindow()) + "-token window")));
                if (l.localScaled() != Tri.UNKNOWN) {
                    boolean scaled = l.localScaled() == Tri.YES;
                    out.add(new ReportedFact(b, "local-layers-scaled", scaled ? "yes" : "no", "the configured rope_scaling applies to "
                            + (scaled ? "every layer" : "the global layers only")));
                }
            }
            if (l.nopeEvery() != null) {
                out.add(new ReportedFact(b, "nope-layers", "yes", "one layer in " + l.nopeEvery() + " has no positional encoding"
                        + (l.chunkedAttention() == null ? "" : "; the others attend within " + n(l.chunkedAttention()) + "-token chunks")));
                if (r.rotatesNopeLayers() != Tri.UNKNOWN) {
                    boolean rotated = r.rotatesNopeLayers() == Tri.YES;
                    out.add(new ReportedFact(b, "nope-rotation", rotated ? "rotated" : "unrotated", rotated
                            ? "the engine applies RoPE on the one layer in " + l.nopeEvery() + " the model trained without positions"
                            : "the engine leaves the one layer in " + l.nopeEvery() + " trained without positions unrotated"));
                }
            }
            if (l.chunkedAttention() != null && r.chunkedAttention() != Tri.UNKNOWN) {
                boolean applied = r.chunkedAttention() == Tri.YES;
                out.add(new ReportedFact(b, "chunked-attention", applied ? "applied" : "ignored", applied
                        ? "the engine confines the RoPE layers to " + n(l.chunkedAttention()) + "-token chunks, as trained"
                        : "the engine lets the RoPE layers, trained within " + n(l.chunkedAttention()) + "-token chunks, attend to the whole context"));
            }
        }
    }

    /** Whether a reported value agrees with the expected one within a relative tolerance. */
    static boolean agrees(double reported, double expected, double tolerance) {
        return reported <= expected * (1 + tolerance) && reported >= expected * (1 - tolerance);
    }

    private static String n(double v) {
        return Numbers.format(v);
    }
}
