package io.posmortem.inference;

import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.model.Deadline;
import io.posmortem.model.Problem;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.trace.RuleInfo;
import io.posmortem.trace.Trace;
import java.util.Locale;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Runs the rules over one build: an empty session (new, or reset after an earlier build settled:
 * {@link IdleSessions}) given the knowledge facts, the build's evidence and its observations,
 * inserted in that fixed order (so firing order, and with it the trace, is
 * deterministic), fired until quiet.
 *
 * <p>The session runs under a {@link Watchdog} within its {@link SessionLimits}: past its time
 * (or the input's {@link Deadline}) it ends as {@code inference.timeout}, past its memory as
 * {@code inference.memory}, past its firings as {@code inference.firing-budget}. Whatever a rule
 * throws becomes an {@code inference.*} problem naming the rule: {@code inference.consequence},
 * {@code inference.condition} (an {@code eval} or a constraint), {@code inference.stack-overflow},
 * {@code inference.memory}; an exit attempted by a rule is refused ({@link ExitGuard}) and
 * reported as {@code inference.exit}. No partial result is returned.
 */
public final class Reasoner {

    /** More firings than this for one build means a rule is looping (the default of {@link SessionLimits}). */
    public static final int FIRING_BUDGET = SessionLimits.DEFAULT_FIRINGS;

    private final RulePack pack;
    private final KnowledgeBase kb;
    private final SessionLimits limits;

    public Reasoner(RulePack pack, KnowledgeBase kb) {
        this(pack, kb, SessionLimits.defaults());
    }

    public Reasoner(RulePack pack, KnowledgeBase kb, SessionLimits limits) {
        this.pack = pack;
        this.kb = kb;
        this.limits = limits;
    }

    public SessionLimits limits() {
        return limits;
    }

    /** Sessions of earlier runs still running after every attempt to stop them (see {@link Watchdog}). */
    public static int stuckSessions() {
        return Watchdog.stuck();
    }

    public Trace reason(BuildEvidence evidence) throws InferenceException {
        return reason(evidence, Deadline.none());
    }

    /** Reasons over {@code evidence}; the session may not run past {@code deadline} nor its limits. */
    public Trace reason(BuildEvidence evidence, Deadline deadline) throws InferenceException {
        ExitGuard.install();
        String build = evidence.build();
        long remaining = deadline.remainingNanos();
        boolean byDeadline = remaining < limits.time().toNanos();
        long timeNanos = Math.min(remaining, limits.time().toNanos());
        if (timeNanos <= 0) {
            throw new InferenceException(ruleProblem("inference.timeout", null, "build " + build + ": no time was left for the rules within the input's budget of "
                    + deadline.budget().toMillis() + " ms", "the evidence took the whole budget; allow more time per input"), null);
        }
        KieSession session = pack.sessions().take();
        TraceRecorder recorder = new TraceRecorder(pack, kb.facts().size() + evidence.facts().size() + evidence.observations().size());
        session.addEventListener((AgendaEventListener) recorder);
        session.addEventListener((RuleRuntimeEventListener) recorder);
        Watchdog.Outcome<Integer> run = Watchdog.watch(() -> {
            kb.facts().forEach(session::insert);
            evidence.facts().forEach(session::insert);
            evidence.observations().forEach(session::insert);
            return session.fireAllRules(limits.firings());
        }, timeNanos, limits.memory(), session::halt, () -> "build " + build + ", rule "
                + (recorder.firingRule() != null ? recorder.firingRule() : recorder.lastRule() + " (last fired)"));
        boolean settled = false;
        try {
            InferenceException failure = failure(build, run, recorder, timeNanos, byDeadline);
            if (failure != null) throw failure;
            recorder.readJustifications();
            Trace trace = recorder.trace(build, pack.rules());
            settled = true;
            return trace;
        } finally {
            // A session that settled is reset and kept for the next build; one that breached, threw
            // or was stopped is disposed; one whose thread is still running is left alone.
            if (settled) pack.sessions().giveBack(session);
            else if (!run.stuck()) IdleSessions.dispose(session);
        }
    }

    /** The problem a watched run ended with, or null when it settled within its limits. */
    private InferenceException failure(String build, Watchdog.Outcome<Integer> run, TraceRecorder recorder, long timeNanos, boolean byDeadline) {
        String elapsed = millis(run.elapsedNanos());
        if (run.breach() == Watchdog.Breach.REFUSED) {
            return new InferenceException(ruleProblem("inference.timeout", null, "build " + build + ": " + Watchdog.stuck()
                    + " rule sessions of earlier inputs are still running after every attempt to stop them; no new session is started",
                    "restart posmortem and fix the rule that loops (see the earlier inference.timeout problems)"), null);
        }
        if (run.breach() != null) {
            String rule = running(run.stack(), recorder);
            String where = rule == null ? "" : "; rule " + rule + " was running" + (rule.equals(recorder.firingRule()) ? " (its consequence)" : " (a condition)");
            if (rule == null && !pack.crossJoins().isEmpty()) {
                rule = pack.crossJoins().get(0);
                where = "; no consequence was running: the rules were matching facts, and rule " + rule
                        + " joins patterns that share no constraint" + (pack.crossJoins().size() > 1 ? " (so do " + pack.crossJoins().subList(1, pack.crossJoins().size()) + ")" : "");
            }
            String last = recorder.lastRule() == null ? "no rule had fired" : "the last rule fired was " + recorder.lastRule();
            String stopped = run.stuck() ? "; its thread could not be stopped and is left running" : "";
            return switch (run.breach()) {
                case MEMORY -> new InferenceException(ruleProblem("inference.memory", rule, "build " + build + ": the rules allocated "
                        + (run.allocatedBytes() >> 20) + " MB in " + elapsed + ", over " + (run.allocatedBytes() > limits.memory()
                                ? "the session's budget of " + (limits.memory() >> 20) + " MB (--rule-memory)"
                                : Math.round(Watchdog.SHARED_HEAP_SHARE * 100) + "% of the heap shared by the sessions running in parallel")
                        + where + "; " + last + "; the session was stopped" + stopped,
                        "a join whose patterns share no constraint builds every combination of facts, and a consequence that keeps"
                                + " adding to a collection never ends: constrain each pattern by the facts bound before it"), null);
                case CANCELLED -> new InferenceException(ruleProblem("inference.timeout", rule, "build " + build + ": the run was cancelled after "
                        + elapsed + where + "; " + last + stopped, null), null);
                default -> new InferenceException(ruleProblem("inference.timeout", rule, "build " + build + ": the rules did not finish within "
                        + millis(timeNanos) + (byDeadline ? " (the input's time budget)" : " (--rule-timeout)") + where + "; " + last
                        + "; stopped after " + elapsed + stopped,
                        "a loop or a wait inside a consequence or an eval never returns to the agenda: bound every loop and never block in a rule"), null);
            };
        }
        if (run.exitStatus() != null) {
            String rule = recorder.firingRule() != null ? recorder.firingRule() : ruleOf(run.thrown(), recorder);
            return new InferenceException(ruleProblem("inference.exit", rule, "build " + build + ": rule " + rule + " tried to end the process (exit status "
                    + run.exitStatus() + "); the exit was refused and this build has no diagnosis",
                    "a rule may not call System.exit or Runtime.halt: derive a fact instead"), null);
        }
        if (run.thrown() != null) return thrown(build, run.thrown(), recorder);
        int fired = run.value();
        if (fired >= limits.firings()) {
            return new InferenceException(ruleProblem("inference.firing-budget", recorder.lastRule(),
                    "build " + build + ": rules fired " + fired + " times without settling; the last rule fired may be looping",
                    "make sure a consequence does not re-create the facts that activated it"), null);
        }
        return null;
    }

    /** A throwable from the session: which rule, and whether its condition or its consequence. */
    private InferenceException thrown(String build, Throwable t, TraceRecorder recorder) {
        Throwable overflow = find(t, StackOverflowError.class);
        if (overflow != null) {
            String rule = ruleOf(t, recorder);
            return new InferenceException(ruleProblem("inference.stack-overflow", rule, "build " + build + ": rule " + rule
                    + " overflowed the stack" + (rule != null && rule.equals(recorder.firingRule()) ? " in its consequence" : ""),
                    "a function that calls itself needs a base case that every call reaches"), null);
        }
        if (find(t, OutOfMemoryError.class) != null) {
            String rule = ruleOf(t, recorder);
            return new InferenceException(ruleProblem("inference.memory", rule, "build " + build + ": the heap ran out while rule " + rule
                    + " was running; the session was dropped",
                    "a join whose patterns share no constraint builds every combination of facts: constrain each pattern by the facts bound before it"), null);
        }
        if (t instanceof ConsequenceException e) {
            String rule = pack.idOf(e.getMatch().getRule());
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new InferenceException(ruleProblem("inference.consequence", rule,
                    "build " + build + ": the consequence of rule " + rule + " threw " + describe(cause) + "; matched " + e.getMatch().getObjects(),
                    null), cause);
        }
        Throwable cause = root(t);
        String firing = recorder.firingRule();
        if (firing != null) {
            return new InferenceException(ruleProblem("inference.consequence", firing,
                    "build " + build + ": the consequence of rule " + firing + " threw " + describe(cause), null), cause);
        }
        String rule = ruleOf(t, recorder);
        return new InferenceException(ruleProblem("inference.condition", rule, "build " + build + ": a condition of rule "
                + (rule == null ? "(not identified)" : rule) + " threw " + describe(cause) + " while the rules were matching facts",
                "an eval or a constraint must not throw for any fact it can meet: guard divisions, nulls and indexes"), cause);
    }

    /** The rule whose generated code is nearest the top of {@code stack}, else the one firing now. */
    private String running(StackTraceElement[] stack, TraceRecorder recorder) {
        String rule = ruleInStack(stack);
        return rule != null ? rule : recorder.firingRule();
    }

    private String ruleInStack(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String rule = pack.ruleOfFrame(f.getClassName());
            if (rule != null) return rule;
        }
        return null;
    }

    /** The rule in whose code {@code t} (or a cause) was thrown, else the one firing, else the last fired. */
    private String ruleOf(Throwable t, TraceRecorder recorder) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String rule = ruleInStack(c.getStackTrace());
            if (rule != null) return rule;
        }
        return recorder.firingRule() != null ? recorder.firingRule() : recorder.lastRule();
    }

    private static Throwable find(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return c;
        }
        return null;
    }

    private static Throwable root(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (message != null && message.length() > 300) message = message.substring(0, 300) + "...";
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%d ms", nanos / 1_000_000);
    }

    private Problem ruleProblem(String code, String ruleId, String message, String hint) {
        RuleInfo info = ruleId == null ? null : pack.rules().get(ruleId);
        String file = info == null ? "rules" : info.file();
        int line = info == null ? 0 : info.line();
        return new Problem(code, file, "", line, 0, message, null, hint);
    }
}
