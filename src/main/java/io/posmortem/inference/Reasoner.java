package io.posmortem.inference;

import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.model.BuildEvidence;
import io.posmortem.model.Deadline;
import io.posmortem.model.Observation;
import io.posmortem.model.Problem;
import io.posmortem.trace.RuleInfo;
import io.posmortem.trace.Trace;
import java.util.List;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Runs the rules over one build: a fresh session with the knowledge facts, the build's evidence
 * and its observations, inserted in that fixed order (so firing order, and with it the trace, is
 * deterministic), fired until quiet or until {@link #FIRING_BUDGET} firings.
 */
public final class Reasoner {

    /** More firings than this for one build means a rule is looping. */
    public static final int FIRING_BUDGET = 50_000;

    private final RulePack pack;
    private final KnowledgeBase kb;

    public Reasoner(RulePack pack, KnowledgeBase kb) {
        this.pack = pack;
        this.kb = kb;
    }

    public Trace reason(BuildEvidence evidence) throws InferenceException {
        return reason(evidence, Deadline.none());
    }

    /** Reasons over {@code evidence}; the session may not run past {@code deadline}. */
    public Trace reason(BuildEvidence evidence, Deadline deadline) throws InferenceException {
        KieSession session = pack.kieBase().newKieSession();
        TraceRecorder recorder = new TraceRecorder(pack);
        session.addEventListener((AgendaEventListener) recorder);
        session.addEventListener((RuleRuntimeEventListener) recorder);
        try {
            kb.facts().forEach(session::insert);
            evidence.facts().forEach(session::insert);
            evidence.observations().forEach(session::insert);
            int fired = session.fireAllRules(FIRING_BUDGET);
            if (fired >= FIRING_BUDGET) {
                throw new InferenceException(ruleProblem("inference.firing-budget", recorder.lastRule(),
                        "build " + evidence.build() + ": rules fired " + fired + " times without settling; the last rule fired may be looping",
                        "make sure a consequence does not re-create the facts that activated it"), null);
            }
            recorder.readJustifications(session);
            return recorder.trace(evidence.build(), pack.rules());
        } catch (ConsequenceException e) {
            String rule = pack.idOf(e.getMatch().getRule());
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InferenceException(ruleProblem("inference.consequence", rule,
                    "build " + evidence.build() + ": the consequence of rule " + rule + " threw " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "; matched " + e.getMatch().getObjects(),
                    null), cause);
        } finally {
            session.dispose();
        }
    }

    private Problem ruleProblem(String code, String ruleId, String message, String hint) {
        RuleInfo info = ruleId == null ? null : pack.rules().get(ruleId);
        String file = info == null ? "rules" : info.file();
        int line = info == null ? 0 : info.line();
        return new Problem(code, file, "", line, 0, message, null, hint);
    }
}
