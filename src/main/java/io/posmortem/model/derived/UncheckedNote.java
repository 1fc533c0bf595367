package io.posmortem.model.derived;

import io.posmortem.model.*;

/**
 * Numbers about an unchecked candidate that narrow the question to ask (conclusion layer), e.g.
 * the range of bases an unstated base change would need to produce the symptoms; the firing's
 * explanation is the text.
 */
public record UncheckedNote(String build, String hypothesis) implements BuildScoped {}
