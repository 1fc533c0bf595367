package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * Numbers for one rotary pair j of one subject.
 *
 * @param trainedInverseFrequency theta_j = base^(-2j/d), radians per token, as trained
 * @param inverseFrequency        theta_j / s_j under the subject's mapping
 * @param wavelength              2 pi / theta_j, tokens per full turn, as trained
 * @param scale                   s_j = trained / mapped inverse frequency
 * @param turnsTrained            L / wavelength: turns inside the trained window
 * @param turnsTarget             T / (wavelength * s_j): turns inside the target window under the mapping
 * @param neighbourAngleRatio     angle between adjacent tokens under the mapping / as trained = 1 / s_j
 * @param unseenAngleRatio        largest angle reached at T / largest angle reached in training, each
 *                                capped at one full turn; above 1 the pair sees angles never trained on
 * @param leavesTrainedRangeAt    the first context length whose largest angle exceeds the trained
 *                                largest angle, for pairs that never completed a turn in training;
 *                                -1 for pairs that did (every angle was seen)
 */
public record RotaryPair(
        String subject,
        String build,
        int index,
        double trainedInverseFrequency,
        double inverseFrequency,
        double wavelength,
        double scale,
        PairBand band,
        double turnsTrained,
        double turnsTarget,
        double neighbourAngleRatio,
        double unseenAngleRatio,
        long leavesTrainedRangeAt) implements BuildScoped {}
