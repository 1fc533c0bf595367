package io.posmortem.evidence.rope;

import io.posmortem.evidence.domain.Domain;
import io.posmortem.model.PairBand;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.knowledge.EvidenceSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-pair evidence comparing a mapping's frequencies with the trained ones, for a model trained
 * on {@code L} tokens and served at {@code T}. Definitions (also on {@link RotaryPair}):
 * <ul>
 *   <li>wavelength {@code lambda_j = 2 pi / theta_j}; turns in the trained window {@code r_j = L / lambda_j};
 *   <li>scale {@code s_j = theta_j / theta'_j}; neighbour angle ratio {@code 1 / s_j};
 *   <li>largest angle reached: {@code min((n - 1) theta, 2 pi)} for an n-token context (distances
 *       go up to n - 1; past one turn every phase has been seen);
 *   <li>unseen-angle ratio: largest angle at T under the mapping / largest angle at L as trained;
 *   <li>leaves trained range at: for a pair that never completed a turn in training, the first
 *       context length n with {@code (n - 1) theta' > (L - 1) theta}, i.e. {@code floor((L - 1) s_j) + 2}.
 * </ul>
 */
public final class RotaryPairs {
    private RotaryPairs() {}

    private static final double TURN = 2 * Math.PI;

    public static List<RotaryPair> evaluate(String subject, String build, double[] trained, double[] mapped,
                                            int trainedContext, int targetContext, EvidenceSettings settings) {
        if (trained.length != mapped.length) {
            throw new IllegalArgumentException("trained and mapped frequencies differ in length: " + trained.length + " vs " + mapped.length);
        }
        Domain.atLeast("trained context", trainedContext, 2);
        Domain.atLeast("target context", targetContext, trainedContext);
        List<RotaryPair> pairs = new ArrayList<>(trained.length);
        for (int j = 0; j < trained.length; j++) {
            double theta = Domain.positive("trained inverse frequency", trained[j]);
            double mappedTheta = Domain.positive("mapped inverse frequency", mapped[j]);
            double wavelength = TURN / theta;
            double scale = theta / mappedTheta;
            double turnsTrained = turnsTrained(theta, trainedContext);
            long leaves = (trainedContext - 1) * theta < TURN ? (long) Math.floor((trainedContext - 1) * scale) + 2 : -1;
            pairs.add(new RotaryPair(subject, build, j, theta, mappedTheta, wavelength, scale,
                    band(turnsTrained, settings), turnsTrained, targetContext * mappedTheta / TURN,
                    mappedTheta / theta, unseenAngleRatio(theta, mappedTheta, trainedContext, targetContext), leaves));
        }
        return pairs;
    }

    /** Turns of a pair rotating {@code theta} per token in the trained window: {@code L / (2 pi / theta)}. */
    static double turnsTrained(double theta, int trainedContext) {
        return trainedContext / (TURN / theta);
    }

    /** Largest angle at T under the mapping over the largest angle at L as trained (each at most one turn). */
    static double unseenAngleRatio(double theta, double mappedTheta, int trainedContext, int targetContext) {
        double trainedMax = Math.min((trainedContext - 1) * theta, TURN);
        double targetMax = Math.min((targetContext - 1) * mappedTheta, TURN);
        return targetMax / trainedMax;
    }

    /**
     * Per pair, the comparison whose reference the served frequency is closer to (smaller
     * {@code |ln s_j|}; ties keep {@code first}). A model fine-tuned with a scaling still knows
     * its pre-training frequencies: a pair served at its pre-training speed is in distribution up
     * to the pre-training window, one served at its fine-tuned speed up to the fine-tuned window.
     */
    public static List<RotaryPair> closerReference(List<RotaryPair> first, List<RotaryPair> second) {
        if (first.size() != second.size()) throw new IllegalArgumentException("comparisons differ in length");
        List<RotaryPair> out = new ArrayList<>(first.size());
        for (int j = 0; j < first.size(); j++) {
            RotaryPair a = first.get(j);
            RotaryPair b = second.get(j);
            out.add(Math.abs(Math.log(b.scale())) < Math.abs(Math.log(a.scale())) ? b : a);
        }
        return out;
    }

    /** LOCAL above {@code localMinTurns} turns in the trained window, LONG_RANGE below {@code longRangeMaxTurns}. */
    public static PairBand band(double turnsTrained, EvidenceSettings settings) {
        if (turnsTrained > settings.localMinTurns()) return PairBand.LOCAL;
        if (turnsTrained < settings.longRangeMaxTurns()) return PairBand.LONG_RANGE;
        return PairBand.TRANSITION;
    }
}
