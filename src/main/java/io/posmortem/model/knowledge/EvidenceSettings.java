package io.posmortem.model.knowledge;

/**
 * The knowledge-base numbers the evidence engine needs to compute (rather than judge) evidence.
 *
 * @param localMinTurns     a rotary pair is in the local band when it makes more than this many
 *                          turns inside the trained window (YaRN's beta_fast)
 * @param longRangeMaxTurns a pair is in the long-range band when it makes fewer turns than this
 *                          (YaRN's alpha / beta_slow)
 * @param unreachableNats   the ALiBi penalty at which a token counts as out of reach
 * @param angleErrorTolerance the rotary angle error (radians) beyond which low-precision angles
 *                          count as wrong
 * @param matchTolerance    relative difference within which a reported value agrees with the
 *                          configured or trained one
 * @param compressedRatio   per-token angle ratio at or below which a pair counts as compressed
 * @param compressedShare   share of a band's pairs that must be compressed for the band to be
 * @param unseenTolerance   largest-angle ratio above which a pair sees unseen angles
 */
public record EvidenceSettings(double localMinTurns, double longRangeMaxTurns, double unreachableNats,
                               double angleErrorTolerance, double matchTolerance, double compressedRatio,
                               double compressedShare, double unseenTolerance) {

    public EvidenceSettings(double localMinTurns, double longRangeMaxTurns, double unreachableNats, double angleErrorTolerance) {
        this(localMinTurns, longRangeMaxTurns, unreachableNats, angleErrorTolerance, 0.01, 0.5, 0.5, 1.01);
    }
}
