package io.posmortem.inference;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one rule session on a thread of its own and stops it past its budget of time or memory.
 *
 * <p>Escalation, each step given a short grace: {@code KieSession.halt()} (stops between
 * firings), then an interrupt (ends a {@code Thread.sleep} or a blocking wait), then
 * {@link Thread#stop()} (ends a busy loop inside one consequence or {@code eval}, which never
 * returns to the agenda). A stop can only land on a session thread: every session gets a fresh
 * thread that runs nothing but that session and is never reused, and the session's objects are
 * reachable from that thread alone. A thread that survives every step (a JDK without
 * {@code Thread.stop}, or a loop in native code) is left running as a daemon and counted as
 * stuck; past {@link #MAX_STUCK} of them no further session is started.
 *
 * <p>Memory is the bytes allocated by the session's thread
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), checked every
 * {@link #TICK_NANOS}; an {@link OutOfMemoryError} on the thread itself is caught by the caller.
 */
final class Watchdog {

    /** Session threads, and any thread a rule starts from one, belong to this group. */
    static final ThreadGroup SESSIONS = new ThreadGroup("posmortem-rules");
    /** Threads that could not be stopped before no new session is started. */
    static final int MAX_STUCK = 4;
    static final long TICK_NANOS = 10_000_000L;
    static final long GRACE_MILLIS = 250;

    /** Share of the maximum heap that all running sessions together may allocate. */
    static final double SHARED_HEAP_SHARE = 0.5;

    private static final Set<SessionThread> STUCK = ConcurrentHashMap.newKeySet();
    private static final Set<SessionThread> RUNNING = ConcurrentHashMap.newKeySet();
    private static final com.sun.management.ThreadMXBean THREADS = threadBean();

    private Watchdog() {}

    enum Breach {
        /** The time budget (or the input's deadline) passed. */
        TIME,
        /** The session's thread allocated more than its budget. */
        MEMORY,
        /** The thread waiting for the session was interrupted (the caller gave up). */
        CANCELLED,
        /** Too many earlier sessions are stuck: this one was not started. */
        REFUSED
    }

    /**
     * How a watched session ended.
     *
     * @param value      what the work returned (null if it threw or was stopped)
     * @param thrown     what the work threw (null if it returned)
     * @param breach     the limit that made the watchdog step in, or null
     * @param stack      the session thread's stack when the watchdog stepped in (empty if it did not)
     * @param exitStatus the status of a refused {@code System.exit}/{@code Runtime.halt} attempted on the thread, or null
     * @param stopped    true when the watchdog had to escalate past {@code halt()}
     * @param stuck      true when the thread is still running (it could not be stopped)
     */
    record Outcome<T>(T value, Throwable thrown, Breach breach, StackTraceElement[] stack, Integer exitStatus, long elapsedNanos,
            long allocatedBytes, boolean stopped, boolean stuck) {}

    /** Threads from earlier sessions still running after every attempt to stop them. */
    static int stuck() {
        STUCK.removeIf(t -> !t.isAlive());
        return STUCK.size();
    }

    /** True when {@code thread} is a session thread or was started by one. */
    static boolean inSession(Thread thread) {
        ThreadGroup group = thread.getThreadGroup();
        return group != null && SESSIONS.parentOf(group);
    }

    /** Records an exit attempted on {@code thread}, when it is a session thread. */
    static void exitAttempted(Thread thread, int status) {
        if (thread instanceof SessionThread s && s.exitStatus == null) s.exitStatus = status;
    }

    /**
     * Runs {@code work} on a fresh session thread and waits for it at most {@code timeNanos};
     * {@code halt} asks the session to stop between firings; {@code activity} says what the
     * session is doing (for a message written at shutdown).
     */
    static <T> Outcome<T> watch(Callable<T> work, long timeNanos, long memoryBytes, Runnable halt, java.util.function.Supplier<String> activity) {
        if (stuck() >= MAX_STUCK) return new Outcome<>(null, null, Breach.REFUSED, new StackTraceElement[0], null, 0, 0, false, false);
        SessionThread thread = new SessionThread(work, activity);
        long start = System.nanoTime();
        RUNNING.add(thread);
        try {
            thread.start();
        } catch (OutOfMemoryError e) { // no native thread left: reported as the session running out of memory
            RUNNING.remove(thread);
            return new Outcome<>(null, e, null, new StackTraceElement[0], null, 0, 0, false, false);
        }
        Breach breach = null;
        try {
            while (thread.isAlive()) {
                long elapsed = System.nanoTime() - start;
                if (elapsed >= timeNanos) {
                    breach = Breach.TIME;
                    break;
                }
                if (overMemory(thread, memoryBytes)) {
                    breach = Breach.MEMORY;
                    break;
                }
                long wait = Math.max(1, Math.min(TICK_NANOS, timeNanos - elapsed));
                thread.join(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        } catch (InterruptedException e) {
            breach = Breach.CANCELLED;
        }
        try {
            return outcome(thread, start, breach, halt);
        } finally {
            RUNNING.remove(thread);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Outcome<T> outcome(SessionThread thread, long start, Breach breach, Runnable halt) {
        if (breach == null) {
            return new Outcome<>((T) thread.value, thread.thrown, null, new StackTraceElement[0], thread.exitStatus, System.nanoTime() - start,
                    thread.allocatedAtEnd, false, false);
        }
        StackTraceElement[] stack = thread.getStackTrace();
        long allocated = allocated(thread);
        boolean stopped = stop(thread, halt, breach == Breach.MEMORY);
        if (breach == Breach.CANCELLED) Thread.currentThread().interrupt();
        boolean stuck = thread.isAlive();
        if (stuck) STUCK.add(thread);
        return new Outcome<>(null, thread.thrown, breach, stack, thread.exitStatus, System.nanoTime() - start, allocated, stopped, stuck);
    }

    /**
     * Halt, interrupt, stop; returns true when it had to go past halt. Waits without giving up on
     * an interrupt of its own. Past its memory a session is stopped at once: every grace period
     * would let it allocate more.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static boolean stop(SessionThread thread, Runnable halt, boolean now) {
        try {
            halt.run();
        } catch (RuntimeException e) {
            // a session in a broken state: the next steps still apply
        }
        if (!now && awaitEnd(thread)) return false;
        thread.interrupt();
        if (!now && awaitEnd(thread)) return true;
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            // JDK 20 and later: the thread is left running and counted as stuck
        }
        awaitEnd(thread);
        return true;
    }

    private static boolean awaitEnd(Thread thread) {
        long end = System.nanoTime() + GRACE_MILLIS * 1_000_000;
        boolean interrupted = false;
        while (thread.isAlive() && System.nanoTime() < end) {
            try {
                thread.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return !thread.isAlive();
    }

    /**
     * Over its own budget, or the largest of the running sessions while together they have
     * allocated more than {@link #SHARED_HEAP_SHARE} of the maximum heap: parallel sessions
     * ({@code -j}) cannot exhaust the heap between them.
     */
    private static boolean overMemory(SessionThread thread, long memoryBytes) {
        long own = allocated(thread);
        if (own > memoryBytes) return true;
        if (RUNNING.size() < 2) return false;
        long total = 0;
        long largest = 0;
        for (SessionThread t : RUNNING) {
            long a = allocated(t);
            total += a;
            largest = Math.max(largest, a);
        }
        return total > SHARED_HEAP_SHARE * Runtime.getRuntime().maxMemory() && own >= largest;
    }

    private static long allocated(Thread thread) {
        if (THREADS == null) return 0;
        long bytes = THREADS.getThreadAllocatedBytes(thread.getId());
        return Math.max(0, bytes);
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean && bean.isThreadAllocatedMemorySupported()) {
            if (!bean.isThreadAllocatedMemoryEnabled()) bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        return null;
    }

    /** A thread that runs one session and ends. */
    static final class SessionThread extends Thread {
        private static final java.util.concurrent.atomic.AtomicLong COUNT = new java.util.concurrent.atomic.AtomicLong();
        private final Callable<?> work;
        private final java.util.function.Supplier<String> activity;
        volatile Object value;
        volatile Throwable thrown;
        volatile Integer exitStatus;
        /** Bytes this thread allocated, read by itself as it ends (the count is gone once a thread has ended). */
        volatile long allocatedAtEnd;

        SessionThread(Callable<?> work, java.util.function.Supplier<String> activity) {
            super(SESSIONS, null, "posmortem-rules-" + COUNT.incrementAndGet());
            this.work = work;
            this.activity = activity;
            setDaemon(true);
        }

        /** What the session is doing now, e.g. "rule R, build B". */
        String activity() {
            try {
                return activity.get();
            } catch (RuntimeException e) {
                return getName();
            }
        }

        @Override
        public void run() {
            try {
                value = work.call();
            } catch (Throwable t) { // every throwable from a rule is reported for its input, never lost
                thrown = t;
            }
            if (THREADS != null) allocatedAtEnd = THREADS.getCurrentThreadAllocatedBytes();
        }
    }
}
