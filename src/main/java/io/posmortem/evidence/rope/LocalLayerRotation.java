package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;
import io.posmortem.model.PairBand;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.knowledge.EvidenceSettings;
import java.util.List;

/**
 * What the local (sliding-window) layers of a local/global model see when an engine gives them the
 * global layers' RoPE. Gemma 3 (transformers {@code modeling_gemma3.py}: {@code
 * position_embeddings_local} for sliding layers, {@code position_embeddings_global} for the others)
 * rotates its local layers with {@code rope_local_base_freq} 10,000 and no scaling, its global
 * layers with {@code rope_theta} 1,000,000 and {@code rope_scaling} linear 8; llama.cpp keeps both
 * per layer ({@code rope_freq_base_train_swa}, {@code rope_freq_scale_train_swa}).
 *
 * <p>Two misapplications, each compared pair by pair with the local layers' trained frequencies
 * over the local window W (the longest distance a local layer attends to):
 * <ul>
 *   <li>the global scaling on the local layers: {@code theta'_j = theta_j / s_j}, with s_j the
 *       configured mapping's per-pair factor at the global base ({@code s_j = 8} for every pair of
 *       a linear x8 block), so the neighbour angle of pair j falls to {@code 1 / s_j};
 *   <li>the global base on the local layers: {@code theta'_j = B^(-2j/d)} against {@code
 *       b^(-2j/d)}, a neighbour angle ratio of {@code (b / B)^(2j/d)}: pair 0 keeps its angle, pair j
 *       is compressed 2x from {@code j = d ln 2 / (2 ln(B / b))}.
 * </ul>
 */
public final class LocalLayerRotation {
    private LocalLayerRotation() {}

    /** Share of the layers that are local when one layer in {@code globalEvery} is global: {@code (g - 1) / g}. */
    public static double localShare(int globalEvery) {
        Domain.atLeast("global every", globalEvery, 1);
        return (globalEvery - 1.0) / globalEvery;
    }

    /**
     * The local layers' frequencies under the global layers' scaling: {@code theta_j(local) x
     * scaledGlobal_j / trainedGlobal_j}, where the global arrays are the configured mapping's
     * frequencies and the unscaled ones at the global base.
     */
    public static double[] withGlobalScaling(double[] trainedLocal, double[] trainedGlobal, double[] scaledGlobal) {
        if (trainedLocal.length != trainedGlobal.length || trainedGlobal.length != scaledGlobal.length) {
            throw new IllegalArgumentException("frequency arrays differ in length");
        }
        double[] out = new double[trainedLocal.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = trainedLocal[j] * Domain.positive("scaled global inverse frequency", scaledGlobal[j])
                    / Domain.positive("trained global inverse frequency", trainedGlobal[j]);
        }
        return out;
    }

    /**
     * Counts over the pairs compared within the local window (from {@link RotaryPairs#evaluate} with
     * the window as both lengths): local pairs (more than {@code evidence.local-min-turns} turns in
     * the window) and window pairs (at least {@code evidence.long-range-max-turns} turn), how many of
     * each turn at most {@code compressedRatio} of their trained angle per token, the strongest
     * compression among the window pairs (largest s_j) and the fastest pair's neighbour ratio.
     */
    public static Counts count(List<RotaryPair> pairs, double compressedRatio) {
        int local = 0, compressedLocal = 0, window = 0, compressedWindow = 0;
        double strongest = 1.0;
        double fastest = pairs.isEmpty() ? 1.0 : pairs.get(0).neighbourAngleRatio();
        for (RotaryPair p : pairs) {
            boolean compressed = p.neighbourAngleRatio() <= compressedRatio * (1 + 1e-9);
            if (p.band() == PairBand.LOCAL) {
                local++;
                if (compressed) compressedLocal++;
            }
            if (p.band() != PairBand.LONG_RANGE) {
                window++;
                if (compressed) compressedWindow++;
                strongest = Math.max(strongest, p.scale());
            }
        }
        return new Counts(local, compressedLocal, window, compressedWindow, strongest, fastest);
    }

    /** Compares {@code served} local-layer frequencies with {@code trained} ones over a {@code window}-token local window. */
    public static Counts compare(double[] trained, double[] served, int window, EvidenceSettings settings) {
        Domain.atLeast("local window", window, 2);
        return count(RotaryPairs.evaluate("local-layers", "local-layers", trained, served, window, window, settings), settings.compressedRatio());
    }

    /** Pair counts of one comparison; see {@link #count}. */
    public record Counts(int localPairs, int compressedLocalPairs, int windowPairs, int compressedWindowPairs,
                         double strongestCompression, double fastestNeighbourRatio) {}
}
