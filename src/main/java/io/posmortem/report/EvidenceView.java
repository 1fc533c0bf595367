package io.posmortem.report;

import java.util.List;
import java.util.Map;

/**
 * The raw evidence of a build. {@code ropePairs} describes the trained frequencies (one entry per
 * pair); each RoPE subject then lists per-pair arrays in pair order. Fields that do not apply to
 * a subject or band (a RoPE column of an ALiBi subject, a bucket range of a RoPE band) are null
 * and left out of the JSON.
 */
public record EvidenceView(
        List<RopePair> ropePairs,
        List<SubjectEvidence> subjects,
        List<Band> distanceBands,
        List<FindingRow> findings) {

    /**
     * One trained rotary pair (of the first RoPE subject; the trained frequencies are the same for all).
     *
     * @param band the pair's band name (high-frequency, ramp, low-frequency, ...)
     */
    public record RopePair(int index, double invFreq, double wavelength, double turnsTrained, String band) {}

    /**
     * One subject (a candidate hypothesis's mapping or a fix's) and its computed profile.
     *
     * @param hypothesis the hypothesis of a candidate subject (null for a fix)
     * @param fix        the fix of a fix subject (null for a candidate)
     * @param parameters the subject's concrete configuration ({@link SubjectParameters})
     * @param invFreq    RoPE only, per pair in pair order, like the next five columns
     * @param slopes     ALiBi only, per head, like the next four fields
     * @param exactDistances T5 buckets only, like the next three fields
     */
    public record SubjectEvidence(
            String id,
            String role,
            String hypothesis,
            String fix,
            String mechanism,
            Map<String, Object> parameters,
            List<Double> invFreq,
            List<Double> scale,
            List<Double> turnsTarget,
            List<Double> neighbourAngleRatio,
            List<Double> unseenAngleRatio,
            List<Long> leavesTrainedRangeAt,
            List<Double> slopes,
            Long reachDistance,
            Integer unreachableFrom,
            Double penaltyAtTrainedNats,
            Double penaltyAtTargetNats,
            Integer exactDistances,
            Integer lastBucket,
            Integer saturationDistance,
            Integer distinctBucketsBeyondTrained) {}

    /**
     * A band of key distances an observation covers, as a relative-bias subject sees it.
     *
     * @param minPenaltyNats ALiBi only (with {@code maxPenaltyNats}): the penalty of the gentlest head at the band's ends
     * @param firstBucket    T5 buckets only (with {@code lastBucket}, {@code distinctBuckets})
     */
    public record Band(
            String subject,
            String observation,
            int fromDistance,
            int toDistance,
            Double minPenaltyNats,
            Double maxPenaltyNats,
            Integer firstBucket,
            Integer lastBucket,
            Integer distinctBuckets) {}

    /** A live finding of the build, with the rule that derived it ("" for an input fact) and its sentence. */
    public record FindingRow(String subject, String id, double value, int onset, String rule, String text) {}
}
