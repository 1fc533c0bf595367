package io.posmortem.archive;

import java.time.Instant;
import java.util.List;

/**
 * The root cause an engineer confirmed for one build of an incident.
 *
 * @param cause     a hypothesis id, or {@code none-of-these} when the cause is none of posmortem's
 * @param alsoRight hypotheses that name the same cause (a conclusion on one of them is right too)
 */
public record Confirmation(String build, String cause, List<String> alsoRight, String note, Instant confirmedAt) {}
