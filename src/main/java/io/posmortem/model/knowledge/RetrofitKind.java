package io.posmortem.model.knowledge;

import java.util.List;

/**
 * An entry of the retrofit vocabulary a symptom file may name.
 *
 * @param family        {@code rope} or {@code relative-bias}: what the build runs after the change
 * @param loose         true when users name it loosely and the real mapping must be inferred
 * @param statedReading the hypothesis that the literal reading of the name corresponds to, or {@code null}
 * @param candidates    hypotheses to evaluate for a build of this kind
 * @param mappingMechanism the mechanism whose mapping a build of this kind was fine-tuned with
 *                      when it reports {@code fine_tuned: true}, or {@code null} when the kind does
 *                      not say (every RoPE subject is then compared with the model as pre-trained)
 */
public record RetrofitKind(
        String id,
        String title,
        String family,
        boolean loose,
        String statedReading,
        List<String> candidates,
        String mappingMechanism,
        String description) implements java.io.Serializable {}
