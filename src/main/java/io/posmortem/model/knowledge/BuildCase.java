package io.posmortem.model.knowledge;

import io.posmortem.model.*;

/**
 * What a build is, as a fact for the rules: the model as trained and the change made to it. What
 * its runtime reported is a separate fact, {@link RuntimeReport}. Text fields carry wire names
 * (the names rule literals use and {@code RuleVocabulary} checks).
 *
 * @param family           {@code rope}, {@code relative-bias}, {@code learned} or {@code none}, from the retrofit kind
 * @param statedReading    the hypothesis the literal reading of the retrofit kind corresponds to, or {@code null}
 * @param statedLoosely    whether users name this kind loosely (the stated reading is then weak evidence)
 * @param encoding         the model's positional encoding as trained (wire name)
 * @param modelBase        the trained RoPE base
 * @param factor           the retrofit's factor (target / trained unless given)
 * @param configuredMethod the rope_scaling block's type ({@code default} when there is none)
 * @param fineTuned        whether the model was fine-tuned after the change
 * @param slidingWindow    the model's trained sliding-window size, or null
 * @param longestTrained   the longest length the model was trained at (its last training stage; else trainedContext)
 * @param rotaryLayout     the rotary layout the model's weights expect ({@code half-split}, {@code interleaved}), or null
 * @param engine           the id of the engine {@code runtime.engine} names ({@code engines.yaml}), or null
 * @param engineScaling    how that engine applies the configured method when it depends on length
 *                         ({@code engines.yaml} {@code scaling}: {@code static}, {@code per-length},
 *                         {@code ignored} for dynamic; {@code by-allocation}, {@code mid-sequence},
 *                         {@code at-crossing-reprefill} for longrope), or null
 * @param lognAttention    whether the model's config asks for log-n attention scaling past the
 *                         trained length ({@code use_logn_attn}); {@code UNKNOWN} without a config
 *                         that says
 * @param backendWindow    how the engine's attention backend ({@code runtime.attention_backend})
 *                         treats a trained sliding window, for a model that has one
 *                         ({@code engines.yaml} {@code sliding_window}: {@code applied},
 *                         {@code not-implemented}), or null when not known
 */
public record BuildCase(
        String build,
        String retrofitKind,
        String family,
        int trainedContext,
        int targetContext,
        String statedReading,
        boolean statedLoosely,
        String encoding,
        double modelBase,
        double factor,
        String configuredMethod,
        Tri fineTuned,
        Integer slidingWindow,
        int longestTrained,
        String rotaryLayout,
        String engine,
        String engineScaling,
        Tri lognAttention,
        String backendWindow) implements BuildScoped {}
