package io.posmortem.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Session threads are reused only after a session that settled within its limits: a thread the
 * watchdog stepped in on runs nothing else, and what one session did to its thread (allocation
 * counted against its budget, an interrupt) does not carry over to the next.
 */
class WatchdogTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MB = 1L << 20;

    private static <T> Watchdog.Outcome<T> watch(Callable<T> work, long timeNanos, long memoryBytes) {
        return Watchdog.watch(work, timeNanos, memoryBytes, () -> {}, () -> "test session");
    }

    @Test
    void aSettledSessionsThreadRunsTheNextSession() {
        Watchdog.Outcome<Thread> first = watch(Thread::currentThread, 10 * SECOND, 512 * MB);
        Watchdog.Outcome<Thread> second = watch(Thread::currentThread, 10 * SECOND, 512 * MB);
        assertNull(first.breach());
        assertNull(second.breach());
        assertTrue(first.value() instanceof Watchdog.SessionThread, "a session runs on a session thread");
        assertSame(first.value(), second.value(), "the idle thread of a settled session runs the next one");
    }

    @Test
    void aThreadTheWatchdogSteppedInOnRunsNoOtherSession() throws Exception {
        Thread[] slow = new Thread[1];
        Watchdog.Outcome<Object> stopped = watch(() -> {
            slow[0] = Thread.currentThread();
            Thread.sleep(60_000);
            return null;
        }, 100_000_000L, 512 * MB);
        assertEquals(Watchdog.Breach.TIME, stopped.breach());
        assertFalse(stopped.stuck());
        slow[0].join(Duration.ofSeconds(5).toMillis());
        assertFalse(slow[0].isAlive(), "a thread stopped past its time ends");
        Watchdog.Outcome<Thread> next = watch(Thread::currentThread, 10 * SECOND, 512 * MB);
        assertNull(next.breach());
        assertNotSame(slow[0], next.value());
    }

    @Test
    void memoryIsCountedFromTheStartOfEachSession() {
        // 48 MB per session, held for longer than a tick, under a budget of 64 MB: counted per
        // session it never breaches; counted over the thread's life the second session would.
        Callable<Integer> allocate = () -> {
            byte[][] held = new byte[48][];
            for (int i = 0; i < held.length; i++) held[i] = new byte[(int) MB];
            Thread.sleep(5 * Watchdog.TICK_NANOS / 1_000_000);
            return held.length;
        };
        Watchdog.Outcome<Integer> first = watch(allocate, 30 * SECOND, 64 * MB);
        Watchdog.Outcome<Integer> second = watch(allocate, 30 * SECOND, 64 * MB);
        assertNull(first.breach());
        assertNull(second.breach(), "allocation of the first session counted against the second");
        assertTrue(second.allocatedBytes() >= 48 * MB && second.allocatedBytes() < 64 * MB, "allocated " + second.allocatedBytes());
    }

    @Test
    void anInterruptLeftByOneSessionDoesNotReachTheNext() {
        Watchdog.Outcome<Thread> first = watch(() -> {
            Thread.currentThread().interrupt();
            return Thread.currentThread();
        }, 10 * SECOND, 512 * MB);
        Watchdog.Outcome<Boolean> second = watch(() -> Thread.currentThread().isInterrupted(), 10 * SECOND, 512 * MB);
        assertNull(first.breach());
        assertEquals(Boolean.FALSE, second.value());
    }

    @Test
    void aThrowingSessionIsReportedAndItsThreadReused() {
        Watchdog.Outcome<Thread> failed = watch(() -> {
            throw new IllegalStateException("from a rule");
        }, 10 * SECOND, 512 * MB);
        assertTrue(failed.thrown() instanceof IllegalStateException);
        assertNull(failed.breach());
        Watchdog.Outcome<Thread> next = watch(Thread::currentThread, 10 * SECOND, 512 * MB);
        assertNull(next.thrown());
        assertTrue(next.value() instanceof Watchdog.SessionThread);
    }
}
