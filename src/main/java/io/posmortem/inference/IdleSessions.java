package io.posmortem.inference;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Rule sessions of one rule base kept between builds. A session that settled within its limits is
 * reset (Drools' own reset, the one its session pool uses: every node memory emptied in place,
 * fact handles, recency and propagation counters back to zero, event listeners removed, the
 * initial fact re-created) and handed to the next build, which then does not allocate the
 * network's node and segment memories again: a fifth to a quarter of a bare session's cost for
 * the bundled pack (warm, one thread, two runs: a new session 3.8 and 2.3 ms per build of the
 * founding case, a reset one 2.7 and 1.9 ms; {@code io.posmortem.bench.DroolsFloor}). A session
 * that breached a limit, threw or was stopped is disposed, never reused. At most {@code capacity}
 * idle sessions are kept; one more is disposed.
 */
final class IdleSessions {

    private final KieBase kieBase;
    private final int capacity;
    private final ConcurrentLinkedDeque<KieSession> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger count = new AtomicInteger();

    IdleSessions(KieBase kieBase, int capacity) {
        this.kieBase = kieBase;
        this.capacity = capacity;
    }

    /** An idle session of this rule base, or a new one. */
    KieSession take() {
        KieSession session = idle.pollFirst();
        if (session == null) return kieBase.newKieSession();
        count.decrementAndGet();
        return session;
    }

    /** Resets a session that settled within its limits and keeps it, or disposes it when enough are kept. */
    void giveBack(KieSession session) {
        if (!(session instanceof StatefulKnowledgeSessionImpl impl)) {
            dispose(session);
            return;
        }
        if (count.incrementAndGet() > capacity) {
            count.decrementAndGet();
            dispose(session);
            return;
        }
        try {
            impl.reset();
        } catch (RuntimeException | LinkageError e) {
            count.decrementAndGet();
            dispose(session);
            return;
        }
        idle.offerFirst(session);
    }

    /** Disposes a session that is not to be reused (a breach, a throw, or no room). */
    static void dispose(KieSession session) {
        try {
            session.dispose();
        } catch (RuntimeException | LinkageError e) {
            // a session stopped mid-evaluation may not dispose cleanly; it is unreachable either way
        }
    }

    /** Sessions kept now (for tests). */
    int idle() {
        return count.get();
    }
}
