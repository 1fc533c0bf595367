package io.posmortem.model.input;

import io.posmortem.model.Tri;
import java.util.List;

/**
 * What a fixture says one build must produce (its {@code expect.builds.<id>} block): the verdict,
 * the diagnosis, hypotheses that must not be the diagnosis, hypotheses it must outrank or that must
 * be rejected, the recommended fix, fixes that must be rejected, and rules that must fire or stay
 * silent. Null and empty fields are not checked. An incident's build names the cause its
 * maintainers confirmed ({@code confirmedCause}, with {@code alsoRight} naming the same cause): it
 * is scored right, abstained or wrong rather than checked.
 */
public record BuildExpectation(
        String build,
        String verdict,
        String diagnosis,
        List<String> notDiagnosis,
        List<String> rankedAbove,
        List<String> rejected,
        String recommendation,
        List<String> rejectedFixes,
        List<String> fires,
        List<String> silent,
        List<String> configLint,
        Tri configClean,
        String confirmedCause,
        List<String> alsoRight) {}
