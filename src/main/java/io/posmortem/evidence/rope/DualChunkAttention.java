package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;

/**
 * Dual chunk attention (An et al. 2024, "Training-Free Long-Context Scaling of Large Language Models",
 * arXiv:2402.17508; as served for Qwen2.5-1M by vLLM's {@code DualChunkRotaryEmbedding},
 * {@code vllm/model_executor/layers/rotary_embedding/dual_chunk_rope.py}): keys take position
 * {@code p mod chunk_len} with {@code chunk_len = chunk_size - local_size}; queries are rotated at
 * intra-chunk, successive-chunk and inter-chunk positions clamped at {@code chunk_size}, so no
 * relative distance exceeds the chunk size. The chunk size must therefore stay within the trained
 * length; the first chunk boundary, where the remap starts to act, is token {@code chunk_len + 1}.
 */
public final class DualChunkAttention {
    private DualChunkAttention() {}

    /** Tokens of one chunk: {@code chunk_size - local_size} (the whole chunk without a local window). */
    public static int chunkLength(int chunkSize, int localSize) {
        Domain.atLeast("chunk size", chunkSize, 1);
        Domain.atLeast("local size", localSize, 0);
        return Math.max(1, chunkSize - localSize);
    }

    /** The largest distance seen in a sequence of {@code length} tokens: at most {@code chunk_size - 1}. */
    public static long largestDistance(int length, int chunkSize) {
        Domain.atLeast("length", length, 1);
        Domain.atLeast("chunk size", chunkSize, 1);
        return Math.min(length - 1L, chunkSize - 1L);
    }

    /** The first length with a distance the model never saw: {@code trained + 1} for a chunk longer than the trained length, else -1 (none). */
    public static long exceedsFrom(int trained, int chunkSize) {
        Domain.atLeast("trained length", trained, 1);
        Domain.atLeast("chunk size", chunkSize, 1);
        return chunkSize > trained ? trained + 1L : -1L;
    }
}
