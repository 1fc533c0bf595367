package io.posmortem.model;

import java.time.Duration;

/**
 * The time one input may take from intake to its last rule firing. Long loops check it
 * ({@link #check}); the rule watchdog halts a session past it. {@link #none()} never passes.
 */
public final class Deadline {
    private static final Deadline NONE = new Deadline(System.nanoTime(), Long.MAX_VALUE);

    private final long startNanos;
    private final long budgetNanos;

    private Deadline(long startNanos, long budgetNanos) {
        this.startNanos = startNanos;
        this.budgetNanos = budgetNanos;
    }

    /** A deadline that never passes. */
    public static Deadline none() {
        return NONE;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        long nanos = budget.isNegative() ? 0 : budget.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : budget.toNanos();
        return new Deadline(System.nanoTime(), nanos);
    }

    public boolean unbounded() {
        return budgetNanos == Long.MAX_VALUE;
    }

    public Duration budget() {
        return Duration.ofNanos(budgetNanos);
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Nanoseconds left (0 once passed; {@link Long#MAX_VALUE} when unbounded). */
    public long remainingNanos() {
        if (unbounded()) return Long.MAX_VALUE;
        return Math.max(0, budgetNanos - (System.nanoTime() - startNanos));
    }

    public boolean passed() {
        return !unbounded() && System.nanoTime() - startNanos >= budgetNanos;
    }

    /** Throws {@link Exceeded} naming {@code stage} once the deadline has passed. */
    public void check(String stage) {
        if (passed()) throw new Exceeded(stage, budget());
    }

    /** The deadline passed while {@code stage} was running. */
    public static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String stage;
        private final transient Duration budget;

        public Exceeded(String stage, Duration budget) {
            super(stage + " did not finish within " + budget.toMillis() + " ms", null, false, false);
            this.stage = stage;
            this.budget = budget;
        }

        public String stage() {
            return stage;
        }

        public Duration budget() {
            return budget;
        }
    }
}
