package io.posmortem.model.knowledge;

import io.posmortem.model.*;

/**
 * A build as a fact for the rules.
 *
 * @param family                    {@code rope}, {@code relative-bias}, {@code learned} or {@code none}, from the retrofit kind
 * @param statedReading             the hypothesis the literal reading of the retrofit kind corresponds to, or {@code null}
 * @param statedLoosely             whether users name this kind loosely (the stated reading is then weak evidence)
 * @param encoding                  the model's positional encoding as trained (wire name)
 * @param modelBase                 the trained RoPE base
 * @param factor                    the retrofit's factor (target / trained unless given)
 * @param configuredMethod          the rope_scaling block's type ({@code default} when there is none)
 * @param fineTuned                 whether the model was fine-tuned after the change
 * @param slidingWindow             the model's trained sliding-window size, or null
 * @param runtimeSlidingWindow      whether the runtime applies it (null: not reported)
 * @param reportedBase              the RoPE base the runtime reports using, or null
 * @param reportedFactor            the scaling factor the runtime reports using, or null
 * @param reportedAttentionFactor   the attention factor the runtime reports applying, or null
 * @param contextWindow             the runtime's context window, or null
 * @param kvCacheDtype              the runtime's KV-cache dtype, or null
 * @param prefixCaching             whether the runtime reuses cached keys across requests (null: not reported)
 * @param ropeDtype                 the dtype the runtime computes rotary angles in, or null
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
        Boolean runtimeSlidingWindow,
        Double reportedBase,
        Double reportedFactor,
        Double reportedAttentionFactor,
        Integer contextWindow,
        String kvCacheDtype,
        String ropeDtype,
        Boolean prefixCaching) implements BuildScoped {}
