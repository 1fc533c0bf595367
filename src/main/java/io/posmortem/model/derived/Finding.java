package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * A qualitative reading of a subject's numbers (interpretation layer), e.g.
 * {@code local-resolution-lost}.
 *
 * @param value    the headline number behind the finding (its meaning is documented per finding id
 *                 in rules/README.md)
 * @param onset    context length from which the finding applies; 0 when it applies at every length
 * @param strength how far past its threshold the finding is, in (0, 1]: 1 well past it, lower near
 *                 it; predictions carry it into the weight of every support they give
 */
public record Finding(String subject, String build, String id, double value, int onset, double strength) implements BuildScoped {

    /** A finding at full strength. */
    public Finding(String subject, String build, String id, double value, int onset) {
        this(subject, build, id, value, onset, 1.0);
    }
}
