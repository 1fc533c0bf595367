package io.posmortem.inference;

import java.util.List;

/**
 * posmortem's uncertainty algebra: MYCIN certainty factors computed from separately combined
 * measures of belief and disbelief (Shortliffe and Buchanan 1975).
 *
 * <ul>
 *   <li>Each support has a weight w in [-1, 1]: positive weights are evidence for, negative against.
 *   <li>Belief MB combines the positive weights by probabilistic sum, {@code MB <- MB + w (1 - MB)};
 *       disbelief MD combines the magnitudes of the negative weights the same way.
 *   <li>The certainty factor is {@code CF = (MB - MD) / (1 - min(MB, MD))}, and 0 when MB = MD = 1.
 * </ul>
 *
 * Because MB and MD are each a probabilistic sum (commutative and associative), the result does
 * not depend on the order in which supports arrive, which EMYCIN's pairwise combination of signed
 * factors does not guarantee. CF stays in [-1, 1]; adding a positive support never lowers it and
 * adding a negative support never raises it. These properties are tested in CertaintyTest.
 *
 * @param belief    MB in [0, 1]
 * @param disbelief MD in [0, 1]
 */
public record Certainty(double belief, double disbelief) {

    public static final Certainty NONE = new Certainty(0, 0);

    public Certainty {
        if (!(belief >= 0 && belief <= 1) || !(disbelief >= 0 && disbelief <= 1)) {
            throw new IllegalArgumentException("belief and disbelief must be in [0, 1], got " + belief + ", " + disbelief);
        }
    }

    /** This certainty with one more support of weight {@code w} in [-1, 1]. */
    public Certainty with(double w) {
        if (!(w >= -1 && w <= 1)) throw new IllegalArgumentException("support weight must be in [-1, 1], got " + w);
        if (w >= 0) return new Certainty(belief + w * (1 - belief), disbelief);
        return new Certainty(belief, disbelief - w * (1 - disbelief));
    }

    public static Certainty of(List<Double> weights) {
        Certainty c = NONE;
        for (double w : weights) c = c.with(w);
        return c;
    }

    /**
     * Decisive evidence combined with the rest: belief is the probabilistic sum of both beliefs;
     * the disbelief of the rest counts only {@code 1 - shield x MB_decisive} of its size before it
     * is summed with the decisive disbelief. A fact that directly shows the mechanism at work is
     * lowered, not erased, by observations filed under a capability its prediction does not cover.
     * With no decisive evidence this is {@code rest} unchanged.
     */
    public static Certainty shielded(Certainty decisive, Certainty rest, double shield) {
        double belief = decisive.belief + rest.belief * (1 - decisive.belief);
        double discounted = rest.disbelief * (1 - shield * decisive.belief);
        double disbelief = decisive.disbelief + discounted * (1 - decisive.disbelief);
        return new Certainty(belief, disbelief);
    }

    /** The certainty factor in [-1, 1]. */
    public double factor() {
        double floor = Math.min(belief, disbelief);
        if (floor >= 1) return 0;
        return (belief - disbelief) / (1 - floor);
    }
}
