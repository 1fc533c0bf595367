package io.posmortem.inference;

import java.time.Duration;

/**
 * What one rule session (the rules over one build) may use before the watchdog stops it: wall
 * time, rule firings and bytes allocated by the session's thread. The time actually given is the
 * smaller of {@code time} and what is left of the input's {@link io.posmortem.model.Deadline}.
 *
 * @param time     wall-clock budget of one session
 * @param firings  firings after which the session counts as looping ({@code inference.firing-budget})
 * @param memory   bytes the session's thread may allocate (allocated, not live: a normal session
 *                 allocates a few megabytes, a cross product or a hoarding consequence gigabytes)
 */
public record SessionLimits(Duration time, int firings, long memory) {

    /** Default wall-clock budget of one session. */
    public static final Duration DEFAULT_TIME = Duration.ofSeconds(60);
    /** More firings than this for one build means a rule is looping. */
    public static final int DEFAULT_FIRINGS = 50_000;
    /**
     * The smallest memory budget accepted: three times the most any session over the fixtures
     * allocates (21 MB, the first session of a process; the median is 1.8 MB).
     */
    public static final long MIN_MEMORY = 64L << 20;

    public SessionLimits {
        if (time == null || time.isZero() || time.isNegative()) throw new IllegalArgumentException("time must be positive: " + time);
        if (firings < 1) throw new IllegalArgumentException("firings must be positive: " + firings);
        if (memory < MIN_MEMORY) throw new IllegalArgumentException("memory must be at least " + MIN_MEMORY + " bytes: " + memory);
    }

    /** 60 s, 50,000 firings, and a quarter of the maximum heap (at least {@link #MIN_MEMORY}). */
    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_TIME, DEFAULT_FIRINGS, defaultMemory());
    }

    /** A quarter of the maximum heap, at least {@link #MIN_MEMORY}. */
    public static long defaultMemory() {
        return Math.max(MIN_MEMORY, Runtime.getRuntime().maxMemory() / 4);
    }

    public SessionLimits withTime(Duration t) {
        return new SessionLimits(t, firings, memory);
    }

    public SessionLimits withMemory(long bytes) {
        return new SessionLimits(time, firings, bytes);
    }
}
