package io.posmortem.model.input;

import io.posmortem.model.*;

/**
 * One observed behaviour of a build, as a fact for the rules.
 *
 * @param id                  unique within the build (given, or {@code o1, o2, ...} in file order)
 * @param capability          capability id from the knowledge-base taxonomy
 * @param fromTokens          start of the context band the observation covers, in tokens
 * @param toTokens            end of that band, in tokens
 * @param onset               context length at which the change was first seen; 0 when not given
 * @param trend               whether the change grows with context length
 * @param shortPromptsChanged whether short prompts (inside the trained window) changed too
 * @param historyDependent    whether results depend on what was served before (cache, batch)
 * @param counts              measured successes/trials, or {@code null}
 * @param metric              a measured quality metric against its baseline, or {@code null}
 * @param bandStated          whether the file gives the context band (without one it is the whole
 *                            target window, and the observation is weaker evidence about lengths)
 * @param pointer             JSON pointer of this observation in the symptom file
 * @param promptTokens        the prompt's length when this was seen, or null
 * @param generatedTokens     tokens generated when it went wrong, or null
 * @param batchDependent      whether the same prompt answers differently alone, in a batch or with other padding
 * @param source              the eval-results file, task and metric an imported observation was read from, or null
 */
public record Observation(
        String build,
        String id,
        String workload,
        String capability,
        int fromTokens,
        int toTokens,
        Outcome outcome,
        int onset,
        Trend trend,
        Tri shortPromptsChanged,
        Tri historyDependent,
        Counts counts,
        Metric metric,
        boolean bandStated,
        String note,
        String pointer,
        double strength,
        Integer promptTokens,
        Integer generatedTokens,
        Tri batchDependent,
        ObservationSource source) implements BuildScoped {

    /**
     * This observation as the evidence stage assessed it: the outcome and trend decided from its
     * counts (or as stated), and the strength in (0, 1] that scales every support it gives.
     */
    public Observation assessed(Outcome outcome, Trend trend, double strength) {
        return new Observation(build, id, workload, capability, fromTokens, toTokens, outcome, onset, trend,
                shortPromptsChanged, historyDependent, counts, metric, bandStated, note, pointer, strength, promptTokens, generatedTokens,
                batchDependent, source);
    }
}
