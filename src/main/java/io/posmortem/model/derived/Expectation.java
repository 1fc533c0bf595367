package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * A subject's prediction about an observation attribute other than its outcome:
 * {@code short-prompts-changed} or {@code history-dependent}, predicted {@code YES} or {@code NO}.
 */
public record Expectation(String subject, String build, String attribute, Tri value) implements BuildScoped {
    public static final String SHORT_PROMPTS_CHANGED = "short-prompts-changed";
    public static final String HISTORY_DEPENDENT = "history-dependent";
}
