package io.posmortem.inference;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one rule session on a session thread and stops it past its budget of time or memory.
 *
 * <p>Escalation, each step given a short grace: {@code KieSession.halt()} (stops between
 * firings), then an interrupt (ends a {@code Thread.sleep} or a blocking wait), then
 * {@link Thread#stop()} (ends a busy loop inside one consequence or {@code eval}, which never
 * returns to the agenda). A stop can only land on a session thread: session threads run nothing
 * but sessions, one at a time. A thread whose session settled within its limits waits, idle, for
 * the next session (starting a thread per session costs more than a small session itself); one
 * the watchdog stepped in on is retired and never runs another. An idle thread ends after
 * {@link #IDLE_MILLIS}. A thread that survives every step (a JDK without {@code Thread.stop}, or
 * a loop in native code) is left running as a daemon and counted as stuck; past
 * {@link #MAX_STUCK} of them no further session is started.
 *
 * <p>Memory is the bytes allocated by the session's thread since its session started
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
    /** How long a session thread waits for another session before it ends. */
    static final long IDLE_MILLIS = 5_000;

    /** Share of the maximum heap that all running sessions together may allocate. */
    static final double SHARED_HEAP_SHARE = 0.5;

    private static final Set<SessionThread> STUCK = ConcurrentHashMap.newKeySet();
    private static final Set<SessionThread> RUNNING = ConcurrentHashMap.newKeySet();
    private static final java.util.Deque<SessionThread> IDLE = new java.util.concurrent.ConcurrentLinkedDeque<>();
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
        if (thread instanceof SessionThread s) s.exitAttempted(status);
    }

    /**
     * Runs {@code work} on a session thread (an idle one, else a new one) and waits for it at most
     * {@code timeNanos}; {@code halt} asks the session to stop between firings; {@code activity}
     * says what the session is doing (for a message written at shutdown).
     */
    static <T> Outcome<T> watch(Callable<T> work, long timeNanos, long memoryBytes, Runnable halt, java.util.function.Supplier<String> activity) {
        if (stuck() >= MAX_STUCK) return new Outcome<>(null, null, Breach.REFUSED, new StackTraceElement[0], null, 0, 0, false, false);
        Session session = new Session(work, activity);
        long start = System.nanoTime();
        SessionThread thread = idleThread(session);
        if (thread == null) {
            thread = new SessionThread(session);
            RUNNING.add(thread);
            try {
                thread.start();
            } catch (OutOfMemoryError e) { // no native thread left: reported as the session running out of memory
                RUNNING.remove(thread);
                return new Outcome<>(null, e, null, new StackTraceElement[0], null, 0, 0, false, false);
            }
        }
        Breach breach = null;
        boolean settled = false;
        try {
            while (!(settled = session.await(0)) && thread.isAlive()) {
                long elapsed = System.nanoTime() - start;
                if (elapsed >= timeNanos) {
                    breach = Breach.TIME;
                    break;
                }
                if (overMemory(thread, memoryBytes)) {
                    breach = Breach.MEMORY;
                    break;
                }
                session.await(Math.max(1, Math.min(TICK_NANOS, timeNanos - elapsed)));
            }
        } catch (InterruptedException e) {
            breach = Breach.CANCELLED;
        }
        try {
            return outcome(thread, session, start, breach, halt);
        } finally {
            RUNNING.remove(thread);
            if (breach == null && settled && thread.park()) IDLE.push(thread);
        }
    }

    /** An idle session thread that took {@code session}, or null when none is idle. */
    private static SessionThread idleThread(Session session) {
        for (SessionThread t; (t = IDLE.poll()) != null; ) {
            RUNNING.add(t);
            if (t.take(session)) return t;
            RUNNING.remove(t);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T> Outcome<T> outcome(SessionThread thread, Session session, long start, Breach breach, Runnable halt) {
        if (breach == null && session.done.getCount() > 0) { // the thread ended without finishing its session
            thread.retire();
            return new Outcome<>(null, new IllegalStateException("the session's thread " + thread.getName() + " ended before its session did"), null,
                    new StackTraceElement[0], session.exitStatus, System.nanoTime() - start, 0, false, false);
        }
        if (breach == null) {
            return new Outcome<>((T) session.value, session.thrown, null, new StackTraceElement[0], session.exitStatus, System.nanoTime() - start,
                    session.allocated, false, false);
        }
        thread.retire();
        StackTraceElement[] stack = thread.getStackTrace();
        long allocated = allocated(thread);
        boolean stopped = stop(thread, halt, breach == Breach.MEMORY);
        if (breach == Breach.CANCELLED) Thread.currentThread().interrupt();
        boolean stuck = thread.isAlive();
        if (stuck) STUCK.add(thread);
        return new Outcome<>(null, session.thrown, breach, stack, session.exitStatus, System.nanoTime() - start, allocated, stopped, stuck);
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

    /** Bytes allocated by the session {@code thread} is running now (0 before it has started it). */
    private static long allocated(SessionThread thread) {
        if (THREADS == null) return 0;
        Session session = thread.session;
        if (session == null || session.startBytes < 0) return 0;
        long bytes = THREADS.getThreadAllocatedBytes(thread.getId()) - session.startBytes;
        return Math.max(0, bytes);
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean && bean.isThreadAllocatedMemorySupported()) {
            if (!bean.isThreadAllocatedMemoryEnabled()) bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        return null;
    }

    /** One session's work and what became of it, written by its thread and read by the watchdog. */
    private static final class Session {
        private final Callable<?> work;
        private final java.util.function.Supplier<String> activity;
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        volatile Object value;
        volatile Throwable thrown;
        volatile Integer exitStatus;
        /** The thread's allocation count when the session started (-1 before). */
        volatile long startBytes = -1;
        /** Bytes the session allocated, read by its thread as the session ends. */
        volatile long allocated;

        Session(Callable<?> work, java.util.function.Supplier<String> activity) {
            this.work = work;
            this.activity = activity;
        }

        /** Waits at most {@code nanos} for the session to end; true when it has. */
        boolean await(long nanos) throws InterruptedException {
            return done.await(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        void run() {
            try {
                if (THREADS != null) startBytes = THREADS.getCurrentThreadAllocatedBytes();
                value = work.call();
            } catch (Throwable t) { // every throwable from a rule is reported for its input, never lost
                thrown = t;
            } finally {
                if (THREADS != null && startBytes >= 0) allocated = Math.max(0, THREADS.getCurrentThreadAllocatedBytes() - startBytes);
                done.countDown();
            }
        }
    }

    /**
     * A thread that runs sessions, one at a time: the one it was started with, then each one
     * handed to it while it was idle, until it is retired or has been idle for {@link #IDLE_MILLIS}.
     */
    static final class SessionThread extends Thread {
        private static final java.util.concurrent.atomic.AtomicLong COUNT = new java.util.concurrent.atomic.AtomicLong();
        /** The session running or next to run; null while idle. */
        private volatile Session session;
        /** Set under the thread's lock: no further session is taken. */
        private boolean retired;

        SessionThread(Session first) {
            super(SESSIONS, null, "posmortem-rules-" + COUNT.incrementAndGet());
            this.session = first;
            setDaemon(true);
        }

        /** What the session is doing now, e.g. "rule R, build B". */
        String activity() {
            Session s = session;
            if (s == null) return getName();
            try {
                return s.activity.get();
            } catch (RuntimeException e) {
                return getName();
            }
        }

        /** True while the thread is running a session (false once idle or ended). */
        boolean busy() {
            return isAlive() && session != null;
        }

        void exitAttempted(int status) {
            Session s = session;
            if (s != null && s.exitStatus == null) s.exitStatus = status;
        }

        /** Marks the finished session's thread idle; false when it was retired meanwhile. */
        synchronized boolean park() {
            if (retired) return false;
            session = null;
            notifyAll();
            return true;
        }

        /** Hands {@code next} to this idle thread; false when it has ended or was retired. */
        synchronized boolean take(Session next) {
            if (retired || session != null || !isAlive()) return false;
            session = next;
            notifyAll();
            return true;
        }

        /** No further session runs on this thread; an idle thread ends at once. */
        synchronized void retire() {
            retired = true;
            notifyAll();
        }

        /**
         * The session after {@code finished}: waits for the watchdog to park this thread (or
         * retire it), then for a session to be handed to it; null when the thread should end.
         */
        private synchronized Session next(Session finished) throws InterruptedException {
            long end = 0;
            while (!retired && (session == finished || session == null)) {
                if (session == finished) {
                    wait();
                    continue;
                }
                if (end == 0) end = System.nanoTime() + IDLE_MILLIS * 1_000_000;
                long left = end - System.nanoTime();
                if (left <= 0) {
                    retired = true;
                    break;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return retired ? null : session;
        }

        @Override
        public void run() {
            try {
                for (Session s = session; s != null; s = next(s)) {
                    s.run();
                    Thread.interrupted(); // an interrupt meant for one session does not reach the next
                }
            } catch (InterruptedException e) {
                // interrupted while idle: end
            } finally {
                retire();
                IDLE.remove(this);
            }
        }
    }
}
