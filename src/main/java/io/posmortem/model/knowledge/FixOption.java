package io.posmortem.model.knowledge;

import io.posmortem.model.FixVerification;
import java.util.List;
import java.util.Map;

/**
 * A change posmortem can propose. A {@link FixVerification#NUMERIC numeric} fix's predicted
 * evidence is computed like a candidate's and checked by the same rules before it is recommended;
 * an {@link FixVerification#INSTRUCTION instruction} fix changes what the numbers do not model and
 * carries the setting per engine and the check to run after the change.
 *
 * @param mechanism    mechanism id whose numbers the fix produces; {@code null} for an instruction
 * @param parameters   fixed parameters of the fix (the build supplies factor and lengths)
 * @param requires     the model encoding the fix needs ({@code rope}), or {@code null}
 * @param caveat       what the fix does not do, or a cost it carries
 * @param verification how the fix is shown to work
 * @param check        for an instruction: what to check after the change whatever the engine; else {@code null}
 * @param settings     for an instruction: the setting per engine, in file order; else empty
 */
public record FixOption(
        String id,
        String title,
        String mechanism,
        Map<String, Double> parameters,
        String requires,
        String summary,
        String caveat,
        List<String> references,
        FixVerification verification,
        String check,
        List<EngineSetting> settings) implements java.io.Serializable {

    /** A numeric fix (no per-engine settings). */
    public FixOption(String id, String title, String mechanism, Map<String, Double> parameters, String requires, String summary,
                     String caveat, List<String> references) {
        this(id, title, mechanism, parameters, requires, summary, caveat, references, FixVerification.NUMERIC, null, List.of());
    }
}
