package io.posmortem.model.knowledge;

/**
 * The knowledge-base numbers that turn counts into evidence (thresholds {@code stats.*}).
 *
 * @param alpha               significance level of the count tests and trend fits
 * @param strongP             p-value at or below which counted evidence gets full strength
 * @param significantStrength strength of evidence significant just at {@code alpha}
 * @param qualitativeStrength strength of a stated outcome without a tested baseline
 * @param metricMinChange     relative change of a metric against its baseline that counts as a change
 * @param unbandedStrength    multiplier on the strength of an observation that gives no context band
 */
public record StatisticsSettings(double alpha, double strongP, double significantStrength, double qualitativeStrength,
                                 double metricMinChange, double unbandedStrength) {}
