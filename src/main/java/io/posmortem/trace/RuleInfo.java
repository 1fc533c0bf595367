package io.posmortem.trace;

import io.posmortem.model.Layer;

/**
 * A rule's identity and metadata, read from the compiled rule base.
 *
 * @param id          stable rule id ({@code @id})
 * @param name        the DRL rule name
 * @param hypothesis  the hypothesis it bears on, or {@code any}
 * @param weight      the certainty factor it contributes (matching rules) or 1 for categorical derivations
 * @param explanation template; {@code {name}} is replaced by the value bound to {@code $name}
 * @param reference   literature id
 * @param file        rule file, relative to the rules directory
 * @param line        1-based line of the {@code rule} keyword
 * @param firesInEveryBuild {@code @coverage("every-build")}: a structural rule that fires in every build, exempt from
 *                    verify's "silent in at least one fixture" check
 */
public record RuleInfo(
        String id,
        String name,
        Layer layer,
        String hypothesis,
        double weight,
        String explanation,
        String reference,
        String file,
        int line,
        int salience,
        boolean firesInEveryBuild) {}
