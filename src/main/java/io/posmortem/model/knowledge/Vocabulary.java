package io.posmortem.model.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What intake needs from the knowledge base to validate and complete a symptom file.
 *
 * @param retrofitFamilies retrofit kind id -> family ({@code rope} or {@code relative-bias})
 * @param capabilities     capability ids of the taxonomy
 * @param modelDefaults    defaults for fields of {@code /model}
 * @param biasDefaults     defaults for fields of a {@code relative_bias} block
 * @param modelFamilies    published families' original training lengths, first match wins
 */
public record Vocabulary(
        Map<String, String> retrofitFamilies,
        Set<String> capabilities,
        List<ModelDefault> modelDefaults,
        List<ModelDefault> biasDefaults,
        List<ModelFamily> modelFamilies) {}
