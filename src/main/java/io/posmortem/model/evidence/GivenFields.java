package io.posmortem.model.evidence;

import io.posmortem.model.BuildScoped;
import io.posmortem.model.Tri;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.Observation;
import io.posmortem.model.input.RuntimeSpec;
import io.posmortem.model.knowledge.AskPart;
import io.posmortem.model.knowledge.RootCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which of the fields a question may ask for ({@link AskPart#FIELDS}) the build's symptom file
 * gives, as a rule fact: so that no question asks for what the file already says.
 *
 * @param given the fields given, a subset of {@link AskPart#FIELDS}, sorted
 */
public record GivenFields(String build, Set<String> given) implements BuildScoped {

    public static GivenFields of(BuildSpec build) {
        RuntimeSpec r = build.runtime();
        Set<String> given = new TreeSet<>();
        if (build.retrofit().newBase() != null) given.add("retrofit.new_base");
        if (build.retrofit().fineTuned() != Tri.UNKNOWN) given.add("retrofit.fine_tuned");
        if (r.engine() != null) given.add("runtime.engine");
        if (r.reportedBase() != null) given.add("runtime.reported_base");
        if (r.reportedFactor() != null) given.add("runtime.reported_factor");
        if (r.ropeScaling() != null) given.add("runtime.rope_scaling");
        if (r.ropeFreqScale() != null) given.add("runtime.rope_freq_scale");
        if (r.ntkAlpha() != null) given.add("runtime.ntk_alpha");
        if (r.contextWindow() != null) given.add("runtime.context_window");
        if (r.kvCacheDtype() != null) given.add("runtime.kv_cache_dtype");
        if (r.ropeDtype() != null) given.add("runtime.rope_dtype");
        if (r.reportedAttentionFactor() != null) given.add("runtime.attention_factor");
        if (r.lognAttention() != Tri.UNKNOWN) given.add("runtime.logn_attention");
        if (r.slidingWindow() != Tri.UNKNOWN) given.add("runtime.sliding_window");
        if (r.attentionBackend() != null) given.add("runtime.attention_backend");
        if (r.rotaryDims() != null) given.add("runtime.rotary_dims");
        if (r.positions().contextShift() != Tri.UNKNOWN) given.add("runtime.context_shift");
        if (r.positions().keep() != null) given.add("runtime.n_keep");
        if (r.positions().positionIdsFromMask() != Tri.UNKNOWN) given.add("runtime.position_ids_from_mask");
        if (r.positions().remap() != null) given.add("runtime.position_remap");
        observed(given, build.observations(), "observations.onset", o -> o.onset() > 0);
        observed(given, build.observations(), "observations.prompt_tokens", o -> o.promptTokens() != null);
        observed(given, build.observations(), "observations.generated_tokens", o -> o.generatedTokens() != null);
        observed(given, build.observations(), "observations.batch_dependent", o -> o.batchDependent() != Tri.UNKNOWN);
        return new GivenFields(build.id(), java.util.Collections.unmodifiableSet(given));
    }

    private static void observed(Set<String> given, List<Observation> observations, String field, Predicate<Observation> gives) {
        if (observations.stream().anyMatch(gives)) given.add(field);
    }

    /**
     * What is still to ask about {@code cause}: its {@code ask} when it lists no parts or when no
     * part is answered; else the questions of the parts none of whose fields is given, in order;
     * empty when every part is answered.
     */
    public String openQuestion(RootCause cause) {
        if (cause.ask() == null) return "";
        if (cause.asksFor().isEmpty()) return cause.ask();
        List<String> open = new ArrayList<>();
        for (AskPart part : cause.asksFor()) {
            if (part.fields().stream().noneMatch(given::contains)) open.add(part.question());
        }
        return open.size() == cause.asksFor().size() ? cause.ask() : String.join(" ", open);
    }
}
