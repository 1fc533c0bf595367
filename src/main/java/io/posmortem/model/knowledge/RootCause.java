package io.posmortem.model.knowledge;

import java.util.List;

/**
 * A hypothesis from the knowledge base: a candidate root cause. (Named RootCause because rules
 * carry {@code @hypothesis} metadata, and Drools resolves rule annotations as types.)
 *
 * @param question   hypotheses that answer the same question compete and are ranked together
 * @param mechanism  the mechanism whose numbers are evaluated when this hypothesis is a candidate
 * @param summary    one paragraph on how the mechanism produces the failure
 * @param whyNot     what this mechanism cannot do, shown when it is the stated reading but rejected
 * @param fixes      fix ids to evaluate when this hypothesis is diagnosed, in order of preference
 * @param ask        the question that decides the hypothesis when the build reports nothing about it, or null
 * @param asksFor    the parts of {@code ask}, each with the symptom-file fields that answer it (empty: not split)
 */
public record RootCause(
        String id,
        String question,
        String title,
        String mechanism,
        String summary,
        String whyNot,
        List<String> fixes,
        List<String> references,
        boolean positional,
        List<String> candidateFor,
        String check,
        String ask,
        List<String> configuredMethods,
        List<AskPart> asksFor) implements java.io.Serializable {}
