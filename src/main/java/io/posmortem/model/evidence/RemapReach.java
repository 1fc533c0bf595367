package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * How far a non-uniform position remapping the runtime reports (Self-Extend, dual chunk attention,
 * ReRoPE) keeps the relative distances inside the trained ones (evidence stage,
 * {@code PositionRemapping}); one per build whose remap reports the parameters its formula needs.
 *
 * @param method          {@code self-extend}, {@code dual-chunk} or {@code rerope}
 * @param trainedContext  the longest length the model was trained at (the distances it saw: up to one less)
 * @param targetContext   the build's target length
 * @param boundary        tokens kept at exact distances: the remap acts from {@code boundary + 1} on
 *                        (Self-Extend's and ReRoPE's window, dual chunk attention's chunk length)
 * @param largestDistance the largest relative distance the model sees at the target length
 * @param exceedsFrom     the first sequence length with a distance the model never saw, or -1 (none at any length)
 */
public record RemapReach(String build, String method, int trainedContext, int targetContext, int boundary,
                         long largestDistance, long exceedsFrom) implements BuildScoped {}
