package io.posmortem.model.evidence;

/**
 * The admissible size of the evidence computations whose work grows with the input's numbers,
 * checked at intake (problem {@code value.too-costly}) so that a small file cannot ask for an
 * unbounded computation. Each size counts the innermost evaluations of a loop; the limits keep
 * one input's evidence to a few seconds on one core.
 */
public final class EvidenceCost {
    private EvidenceCost() {}

    /**
     * Rotary-angle evaluations allowed for angles computed in a low-precision dtype: rotary pairs
     * x positions sampled (see {@link #angleSamples}).
     */
    public static final long ANGLE_EVALUATIONS = 50_000_000L;

    /** The onset of angle errors is sought at every position up to this one... */
    public static final int ANGLE_EVERY_TOKEN_UP_TO = 64;
    /** ...then at every this many positions. */
    public static final int ANGLE_STEP = 64;

    /**
     * Positions at which angle errors are evaluated for a {@code target}-token context: every
     * position from 1 to 64, then every 64th, below {@code target}, plus {@code target - 1} itself.
     */
    public static long angleSamples(long target) {
        long last = target - 1;
        if (last <= 0) return 1;
        long dense = Math.min(last, ANGLE_EVERY_TOKEN_UP_TO);
        long sparse = last > ANGLE_EVERY_TOKEN_UP_TO ? (last - ANGLE_EVERY_TOKEN_UP_TO) / ANGLE_STEP : 0;
        return dense + sparse + 1;
    }

    /** Angle evaluations for {@code pairs} rotary pairs at a {@code target}-token context. */
    public static long angleEvaluations(long pairs, long target) {
        return Math.multiplyHigh(pairs, angleSamples(target)) != 0 ? Long.MAX_VALUE : pairs * angleSamples(target);
    }
}
