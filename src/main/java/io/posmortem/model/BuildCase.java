package io.posmortem.model;

/**
 * A build as a fact for the rules.
 *
 * @param family        {@code rope} or {@code relative-bias}, from the retrofit kind
 * @param statedReading the hypothesis the literal reading of the retrofit kind corresponds to, or {@code null}
 * @param statedLoosely whether users name this kind loosely (the stated reading is then weak evidence)
 */
public record BuildCase(
        String build,
        String retrofitKind,
        String family,
        int trainedContext,
        int targetContext,
        String statedReading,
        boolean statedLoosely) implements BuildScoped {}
