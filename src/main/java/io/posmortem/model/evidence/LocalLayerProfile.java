package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * The local (sliding-window) layers of a local/global model rotated with the global layers' RoPE,
 * compared pair by pair with their trained frequencies over the local window (evidence stage,
 * {@code LocalLayerRotation}); one per misapplication the model's layers allow.
 *
 * @param misapplication         {@code global-scaling} (the configured rope_scaling reaches the local
 *                               layers) or {@code global-base} (the local layers turn at the global base)
 * @param localLayerShare        share of the layers that are local, (g - 1) / g
 * @param localBase              the base the local layers were trained with
 * @param servedBase             the base they are rotated with under the misapplication
 * @param servedFactor           the scaling factor they get under it (1: none)
 * @param localWindow            tokens a local layer attends to (the comparison window)
 * @param localPairs             pairs with more than {@code evidence.local-min-turns} turns in the window
 * @param compressedLocalPairs   of those, pairs turning at most the compressed ratio of their trained angle per token
 * @param windowPairs            pairs with at least one turn in the window
 * @param compressedWindowPairs  of those, the compressed ones
 * @param strongestCompression   the largest trained / served angle per token among the window pairs
 * @param fastestNeighbourRatio  the fastest pair's served / trained angle per token
 * @param servedAttentionFactor  the attention factor the misapplication brings to the local layers, which
 *                               multiplies q and k (YaRN's attention_factor or 0.1 ln s + 1, LongRoPE's
 *                               sqrt(1 + ln s / ln L); 1 when the scaling has none or under the global base)
 */
public record LocalLayerProfile(
        String build,
        String misapplication,
        double localLayerShare,
        double localBase,
        double servedBase,
        double servedFactor,
        int localWindow,
        int localPairs,
        int compressedLocalPairs,
        int windowPairs,
        int compressedWindowPairs,
        double strongestCompression,
        double fastestNeighbourRatio,
        double servedAttentionFactor) implements BuildScoped {}
