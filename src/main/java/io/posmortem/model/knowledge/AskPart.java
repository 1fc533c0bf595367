package io.posmortem.model.knowledge;

import java.util.List;

/**
 * One part of a hypothesis's {@code ask} (knowledge-base {@code asks_for}): a question and the
 * symptom-file fields that answer it. The part is answered when the build gives any one of the
 * fields; a question whose every part is answered is not asked.
 *
 * @param fields   symptom-file fields, each one of {@link #FIELDS}
 * @param question the part of the question those fields answer
 */
public record AskPart(List<String> fields, String question) implements java.io.Serializable {

    /**
     * The fields an {@code asks_for} may name, relative to a build ({@code runtime.*},
     * {@code retrofit.*}) or to any of its observations ({@code observations.*}): those whose
     * absence the validated model can tell.
     */
    public static final List<String> FIELDS = List.of(
            "retrofit.new_base", "retrofit.fine_tuned",
            "runtime.engine", "runtime.reported_base", "runtime.reported_factor", "runtime.rope_scaling", "runtime.rope_freq_scale",
            "runtime.ntk_alpha", "runtime.context_window", "runtime.kv_cache_dtype", "runtime.rope_dtype", "runtime.attention_factor",
            "runtime.logn_attention", "runtime.sliding_window", "runtime.attention_backend", "runtime.rotary_dims",
            "runtime.context_shift", "runtime.n_keep", "runtime.position_ids_from_mask", "runtime.position_remap",
            "observations.onset", "observations.prompt_tokens", "observations.generated_tokens", "observations.batch_dependent");
}
