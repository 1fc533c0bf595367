package io.posmortem.model.knowledge;

import java.util.List;
import java.util.Locale;

/**
 * A published model family whose original training length is known (knowledge-base/defaults.yaml
 * {@code families}), for a symptom file that names its model but not its trained length.
 *
 * @param names          lower-case fragments of model names that belong to the family, e.g. {@code llama-2}
 * @param trainedContext the family's original training length, in tokens
 * @param basis          where the number comes from (a published config.json or paper)
 */
public record ModelFamily(String id, List<String> names, int trainedContext, String basis) implements java.io.Serializable {

    /** Whether {@code modelName} contains one of the family's name fragments, ignoring case and spaces vs hyphens. */
    public boolean matches(String modelName) {
        String name = modelName.toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        return names.stream().anyMatch(name::contains);
    }
}
