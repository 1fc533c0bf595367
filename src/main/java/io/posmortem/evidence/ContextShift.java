package io.posmortem.evidence;

import io.posmortem.model.evidence.ContextShiftProfile;

/**
 * The numbers of a context shift as llama.cpp's examples and server run it (the scheme Ollama's runner
 * follows): when the cache holds {@code n_ctx} tokens and one more must be added, the first
 * {@code n_keep} tokens stay, the next {@code n_discard = (n_past - n_keep) / 2} are removed, and every
 * later cached key is moved back by {@code n_discard} positions. Keys are cached already rotated, so the
 * engine re-rotates each moved key by the delta (-n_discard); that is exact only because rotations of one
 * pair add up, R(theta_j p) R(theta_j delta) = R(theta_j (p + delta)), with the same theta_j, the same
 * rotated width {@code n_rot} and the same scaling as the forward pass.
 *
 * <p>Sources: llama.cpp {@code examples/main/main.cpp} and {@code examples/server/server.cpp} (context
 * shift: {@code n_left = n_past - n_keep; n_discard = n_left / 2}, then {@code llama_kv_cache_seq_rm} and
 * {@code llama_kv_cache_seq_add(..., -n_discard)}); the re-rotation in {@code llama_kv_cache::build_graph_shift}
 * ({@code ggml_rope_ext} on the first {@code n_rot} dimensions of each key head); the additive-rotation
 * argument in ggml-org/llama.cpp issue 2060.
 */
public final class ContextShift {
    private ContextShift() {}

    /** Tokens the first shift drops: half of what lies past the kept start of a full window. */
    public static int discard(int window, int keep) {
        if (window < 1 || keep < 0) throw new IllegalArgumentException("window " + window + ", keep " + keep);
        return Math.max(0, window - Math.min(keep, window)) / 2;
    }

    /**
     * @param keep reported {@code n_keep}, or null: the discard is then computed as for 0 kept tokens
     *             (llama.cpp's default), and the profile keeps null
     */
    public static ContextShiftProfile profile(String build, int window, Integer keep, int headDim, int rotaryDims) {
        return new ContextShiftProfile(build, window, keep, discard(window, keep == null ? 0 : keep), headDim, rotaryDims);
    }
}
