package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;
import io.posmortem.model.RotaryLayout;

/**
 * Which two coordinates of a head form a rotary pair, and at which frequency they turn, in the two
 * layouts of the same rotation (ggml PR #7634, "unify rope norm/neox": the modes differ only in
 * the pairs of dimensions they rotate):
 * <ul>
 *   <li>half-split (GPT-NeoX, transformers' {@code rotate_half}, llama.cpp {@code NEOX}): dimension
 *       i &lt; r/2 pairs with i + r/2 and turns at {@code theta_(i mod r/2)};
 *   <li>interleaved (GPT-J, Meta's original Llama, llama.cpp {@code NORM}): dimension i pairs with
 *       i xor 1 and turns at {@code theta_(floor(i/2))}.
 * </ul>
 * Weights written for one layout and rotated with the other rotate each coordinate with the wrong
 * partner: the query-key product stops depending on the relative distance alone. At position 0
 * both are the identity; from position p the wrong rotation moves coordinates by up to
 * {@code p theta_0} radians, and {@code theta_0 = base^0 = 1} radian per token for any base.
 */
public final class RotaryLayouts {
    private RotaryLayouts() {}

    /** The dimension that {@code dim} is rotated with, among {@code rotaryDims} rotated dimensions. */
    public static int partner(int dim, int rotaryDims, RotaryLayout layout) {
        check(dim, rotaryDims);
        int half = rotaryDims / 2;
        return layout == RotaryLayout.HALF_SPLIT ? (dim < half ? dim + half : dim - half) : dim ^ 1;
    }

    /** The index j of the frequency {@code theta_j} that turns {@code dim}. */
    public static int frequencyIndex(int dim, int rotaryDims, RotaryLayout layout) {
        check(dim, rotaryDims);
        return layout == RotaryLayout.HALF_SPLIT ? dim % (rotaryDims / 2) : dim / 2;
    }

    /** Rotated dimensions whose partner differs between the two layouts (all of them for 4 or more rotated dimensions). */
    public static int misroutedDims(int rotaryDims, RotaryLayout weights, RotaryLayout served) {
        int n = 0;
        for (int i = 0; i < rotaryDims; i++) if (partner(i, rotaryDims, weights) != partner(i, rotaryDims, served)) n++;
        return n;
    }

    /** Rotated dimensions that turn at another frequency under {@code served} than under {@code weights}. */
    public static int wrongFrequencyDims(int rotaryDims, RotaryLayout weights, RotaryLayout served) {
        int n = 0;
        for (int i = 0; i < rotaryDims; i++) if (frequencyIndex(i, rotaryDims, weights) != frequencyIndex(i, rotaryDims, served)) n++;
        return n;
    }

    /**
     * The first position at which a misrouted rotation moves a coordinate by more than
     * {@code tolerance} radians: the smallest p &gt;= 1 with {@code p x fastest > tolerance}
     * ({@code fastest} the largest inverse frequency, radians per token).
     */
    public static int divergesFrom(double fastest, double tolerance) {
        Domain.positive("fastest inverse frequency", fastest);
        Domain.positive("tolerance", tolerance);
        double p = Math.floor(tolerance / fastest) + 1;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, p));
    }

    private static void check(int dim, int rotaryDims) {
        Domain.rotaryDims("rotary dims", rotaryDims);
        if (dim < 0 || dim >= rotaryDims) throw new IllegalArgumentException("dimension " + dim + " outside 0.." + (rotaryDims - 1));
    }
}
