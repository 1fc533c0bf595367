package io.posmortem.model.knowledge;

import java.util.List;
import java.util.Map;

/**
 * A change posmortem can propose; its predicted evidence is computed like a candidate's and
 * checked by the same rules before it is recommended.
 *
 * @param mechanism  mechanism id whose numbers the fix produces
 * @param parameters fixed parameters of the fix (the build supplies factor and lengths)
 * @param requires   the model encoding the fix needs ({@code rope}), or {@code null}
 * @param caveat     what the fix does not do, or a cost it carries
 */
public record FixOption(
        String id,
        String title,
        String mechanism,
        Map<String, Double> parameters,
        String requires,
        String summary,
        String caveat,
        List<String> references) {}
