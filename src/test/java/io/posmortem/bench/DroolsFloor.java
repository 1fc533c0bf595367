package io.posmortem.bench;

import io.posmortem.engine.Triage;
import io.posmortem.inference.Reasoner;
import io.posmortem.inference.SessionLimits;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.run.BuildRun;
import io.posmortem.run.TriageRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * The floor a batch cannot beat: per build, a bare Drools session over the same facts and rules
 * posmortem's reasoner uses (a new {@code KieSession}, insert the knowledge-base facts, the
 * evidence facts and the observations, {@code fireAllRules}, dispose), with no trace recorder,
 * watchdog or report; beside it the reasoner's own cost over the same evidence. Warm (after
 * {@code warm} rounds), one thread, the median of {@code rounds} rounds of {@code per} sessions each.
 * A second bare figure reuses one session, reset after each build (what the reasoner does with a
 * session that settled), so the reasoner's own cost can be told from the session's creation.
 * Run from the repository root with the shaded jar and the test classes:
 * {@code java -cp target/posmortem.jar:target/test-classes io.posmortem.bench.DroolsFloor [FILE]}.
 */
public final class DroolsFloor {
    private DroolsFloor() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "fixtures/seed/founding-case.yaml");
        int warm = 30;
        int rounds = 15;
        int per = 100;
        Triage triage = Triage.load(Path.of("rules"), Path.of("knowledge-base")).withoutMemo();
        TriageRun run = triage.run(file);
        List<BuildEvidence> builds = new ArrayList<>();
        for (BuildRun b : run.builds()) builds.add(b.evidence());
        KieBase kieBase = triage.rules().kieBase();
        List<Object> kbFacts = triage.knowledge().facts();
        Reasoner reasoner = new Reasoner(triage.rules(), triage.knowledge(), SessionLimits.defaults());
        double[] bare = new double[rounds];
        double[] reused = new double[rounds];
        double[] traced = new double[rounds];
        KieSession kept = kieBase.newKieSession();
        int facts = 0;
        for (BuildEvidence e : builds) facts += e.facts().size() + e.observations().size();
        for (int r = -warm; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < per; i++) {
                for (BuildEvidence e : builds) {
                    KieSession session = kieBase.newKieSession();
                    kbFacts.forEach(session::insert);
                    e.facts().forEach(session::insert);
                    e.observations().forEach(session::insert);
                    session.fireAllRules();
                    session.dispose();
                }
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < per; i++) {
                for (BuildEvidence e : builds) {
                    kbFacts.forEach(kept::insert);
                    e.facts().forEach(kept::insert);
                    e.observations().forEach(kept::insert);
                    kept.fireAllRules();
                    ((StatefulKnowledgeSessionImpl) kept).reset();
                }
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < per; i++) for (BuildEvidence e : builds) reasoner.reason(e);
            long t3 = System.nanoTime();
            if (r >= 0) {
                bare[r] = (t1 - t0) / 1e6 / (per * builds.size());
                reused[r] = (t2 - t1) / 1e6 / (per * builds.size());
                traced[r] = (t3 - t2) / 1e6 / (per * builds.size());
            }
        }
        Arrays.sort(bare);
        Arrays.sort(reused);
        Arrays.sort(traced);
        System.out.println(String.format(Locale.ROOT,
                "drools floor: %s, %d build(s), %d evidence facts + %d knowledge facts: bare session %.3f ms/build (new), %.3f ms/build (reset and reused), reasoner (trace recorder, watchdog, sessions reused) %.3f ms/build (medians of %d x %d, warm, 1 thread)",
                file, builds.size(), facts, kbFacts.size(), bare[rounds / 2], reused[rounds / 2], traced[rounds / 2], rounds, per));
    }
}
