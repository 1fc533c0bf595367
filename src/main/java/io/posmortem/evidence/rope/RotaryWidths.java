package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;
import io.posmortem.model.RotaryLayout;

/**
 * A rotation over another number of dimensions than the model was trained with. transformers
 * rotates the first {@code r = int(head_dim x partial_rotary_factor)} dimensions of a head, pair j
 * at {@code theta_j = base^(-2j/r)}, and passes the others through (modeling_phi.py,
 * modeling_stablelm.py, modeling_gpt_neox.py: {@code q[..., :rotary_dim]}); llama.cpp does the same
 * over {@code n_rot}, the GGUF key {@code <arch>.rope.dimension_count}. An engine rotating {@code r'}
 * dimensions instead turns dimension i &lt; r' with its partner among r' ({@link RotaryLayouts#partner})
 * at {@code base^(-2j'/r')} and leaves every dimension from r' on fixed. A dimension is rotated
 * wrongly when one width rotates it and the other does not, when its partner differs, or when it
 * turns at another frequency.
 *
 * <p>The angle error a wrongly rotated dimension makes per token: the speed of the rotation that
 * should not be there ({@code max(w_trained, w_served)}, 0 for a width that leaves it fixed) when it
 * turns in another plane or only in one width, {@code |w_served - w_trained|} when only the
 * frequency differs. At position 0 every rotation is the identity; from position p a coordinate is
 * off by p times that error.
 */
public final class RotaryWidths {
    private RotaryWidths() {}

    /** Relative difference under which two inverse frequencies count as the same (double rounding). */
    static final double SAME_FREQUENCY = 1e-9;

    /**
     * @param wrongDims   dimensions of the head rotated wrongly
     * @param rotatedOnly dimensions one width rotates and the other leaves fixed
     * @param fastestError the largest angle error per token among them, radians (0: none wrong)
     */
    public record Comparison(int wrongDims, int rotatedOnly, double fastestError) {}

    /** The engine's width {@code served} against the trained {@code trained}, over a head of {@code headDim} dimensions. */
    public static Comparison compare(int headDim, int trained, int served, double base, RotaryLayout layout) {
        Domain.rotaryDims("head dim", headDim);
        Domain.rotaryDims("trained rotary dims", trained);
        Domain.rotaryDims("served rotary dims", served);
        Domain.positive("base", base);
        if (trained > headDim || served > headDim) {
            throw new IllegalArgumentException("rotary dims " + trained + " / " + served + " exceed head dim " + headDim);
        }
        double[] trainedFreq = InverseFrequencies.unscaled(trained, base);
        double[] servedFreq = InverseFrequencies.unscaled(served, base);
        int wrong = 0;
        int only = 0;
        double fastest = 0;
        for (int i = 0; i < headDim; i++) {
            boolean t = i < trained;
            boolean s = i < served;
            if (!t && !s) continue;
            double wt = t ? trainedFreq[RotaryLayouts.frequencyIndex(i, trained, layout)] : 0;
            double ws = s ? servedFreq[RotaryLayouts.frequencyIndex(i, served, layout)] : 0;
            double error;
            if (t != s) {
                only++;
                error = Math.max(wt, ws);
            } else if (RotaryLayouts.partner(i, trained, layout) != RotaryLayouts.partner(i, served, layout)) {
                error = Math.max(wt, ws);
            } else if (Math.abs(ws - wt) > SAME_FREQUENCY * wt) {
                error = Math.abs(ws - wt);
            } else {
                continue;
            }
            wrong++;
            fastest = Math.max(fastest, error);
        }
        return new Comparison(wrong, only, fastest);
    }
}
