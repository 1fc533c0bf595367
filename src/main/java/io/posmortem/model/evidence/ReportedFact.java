package io.posmortem.model.evidence;

import io.posmortem.model.*;

import java.util.List;
import java.util.Map;

/**
 * One reported configuration or runtime fact of a build, read into a named state (evidence
 * stage), e.g. {@code runtime-base = other}. Rows of knowledge-base/runtime-facts.yaml turn
 * states into supports. A fact the build does not report has no ReportedFact.
 *
 * @param name  one of {@link #STATES}' keys
 * @param state one of that fact's states
 * @param text  the fact with its numbers, as a sentence ("the runtime reports rope_theta 10,000;
 *              the model was trained with 500,000")
 */
public record ReportedFact(String build, String name, String state, String text) implements BuildScoped {

    /** Every fact the evidence stage reads, with the states it can be in (the vocabulary rows are checked against). */
    public static final Map<String, List<String>> STATES = Map.ofEntries(
            Map.entry("runtime-base", List.of("trained", "other", "dropped")),
            Map.entry("runtime-factor", List.of("as-configured", "dropped", "inverted", "other")),
            Map.entry("scaling-asked", List.of("yes", "no")),
            Map.entry("fine-tuned", List.of("yes", "no")),
            Map.entry("attention-factor", List.of("as-configured", "lower", "higher")),
            Map.entry("configured-method", List.of("default", "linear", "ntk-aware", "new-base", "dynamic", "yarn", "llama3", "longrope")),
            Map.entry("retrofit-kind", List.of()),
            Map.entry("engine", List.of()),
            Map.entry("rope-dtype", List.of("fp32", "bf16", "fp16")),
            Map.entry("runtime-window", List.of("covers", "short-of-observed", "short-of-target")),
            Map.entry("allocated-window", List.of("within-original", "beyond-original")),
            Map.entry("sliding-window", List.of("none", "applied", "ignored")),
            Map.entry("backend-window", List.of("applied", "not-implemented")),
            Map.entry("kv-cache", List.of("full", "8-bit", "4-bit")),
            Map.entry("prefix-caching", List.of("on", "off")),
            Map.entry("served-scaling", List.of("as-configured", "dropped", "other-method", "other-factor")),
            Map.entry("scaling-applied", List.of("static", "per-length", "ignored")),
            Map.entry("longrope-factors", List.of("by-allocation", "mid-sequence", "at-crossing-reprefill")),
            Map.entry("logn-attention", List.of("on", "off", "dropped")),
            Map.entry("weight-bits", List.of("full", "8-bit", "low-bit")),
            Map.entry("attention-backend", List.of("eager", "sdpa", "flash-attention", "flex", "xformers", "paged", "other")),
            Map.entry("rotary-layout", List.of("matches", "differs")),
            Map.entry("rotary-dims", List.of("as-trained", "other")),
            Map.entry("chunked-attention", List.of("applied", "ignored")),
            Map.entry("nope-rotation", List.of("unrotated", "rotated")),
            Map.entry("context-shift", List.of("on", "off")),
            Map.entry("shift-keeps-start", List.of("yes", "no")),
            Map.entry("padded-position-ids", List.of("from-mask", "shared-counter")),
            Map.entry("packing", List.of("resets", "no-reset")),
            Map.entry("chunked-prefill", List.of("on", "off")),
            Map.entry("position-remap", List.of("self-extend", "dual-chunk", "rerope")),
            Map.entry("batch-dependent", List.of("yes", "no")),
            Map.entry("target-window", List.of("inside-trained", "inside-stages", "beyond-trained")),
            Map.entry("local-global-layers", List.of("yes", "no")),
            Map.entry("local-layers-scaled", List.of("yes", "no")),
            Map.entry("nope-layers", List.of("yes")));
}
