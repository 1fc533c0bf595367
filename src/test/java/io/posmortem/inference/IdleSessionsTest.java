package io.posmortem.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.posmortem.engine.Triage;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.run.BuildRun;
import io.posmortem.run.TriageRun;
import io.posmortem.trace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;

/**
 * Sessions kept between builds: a reset session reasons exactly as a new one (the same facts, in
 * the same order, and the same firings with the same bindings, in any order of builds), a session
 * that failed is never kept, and no more are kept than the capacity.
 */
class IdleSessionsTest {

    /** Every valid fixture of these directories that triages without a problem, with its builds' evidence. */
    private static List<BuildEvidence> evidence(Triage triage, String... dirs) throws Exception {
        List<BuildEvidence> all = new ArrayList<>();
        for (String dir : dirs) {
            List<Path> files;
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            }
            for (Path file : files) {
                TriageRun run;
                try {
                    run = triage.run(file);
                } catch (Exception e) {
                    continue;
                }
                for (BuildRun b : run.builds()) if (b.evidence() != null) all.add(b.evidence());
            }
        }
        return all;
    }

    /**
     * Seeded: the builds of the seed, class and contrast fixtures, shuffled, each reasoned on a
     * session reset after the one before, give the trace a new session gives (the reference: a
     * rule pack of its own per build, whose first session is new).
     */
    @Test
    void aResetSessionReasonsExactlyAsANewOne() throws Exception {
        Triage triage = Triage.load(Path.of("rules"), Path.of("knowledge-base")).withoutMemo();
        KnowledgeBase kb = triage.knowledge();
        RulePack.Compiled compiled = RulePack.compile(Path.of("rules"));
        List<BuildEvidence> builds = evidence(triage, "fixtures/seed", "fixtures/classes", "fixtures/contrast");
        assertEquals(true, builds.size() > 40, "builds found: " + builds.size());
        List<BuildEvidence> order = new ArrayList<>(builds);
        order.addAll(builds.subList(0, 10));
        Collections.shuffle(order, new Random(20261202L));
        RulePack shared = compiled.against(kb);
        Reasoner reused = new Reasoner(shared, kb);
        for (BuildEvidence e : order) {
            Trace again = reused.reason(e);
            Trace fresh = new Reasoner(compiled.against(kb), kb).reason(e);
            assertEquals(-1, firstDifference(fresh.facts(), again.facts()), e.build() + ": first fact that differs");
            assertEquals(-1, firstDifference(fresh.firings(), again.firings()), e.build() + ": first firing that differs");
        }
        assertEquals(1, shared.sessions().idle(), "one thread, one session kept");
    }

    /** The index of the first element that differs (or where one list ends first), -1 when equal. */
    private static int firstDifference(List<?> a, List<?> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) if (!a.get(i).equals(b.get(i))) return i;
        return a.size() == b.size() ? -1 : Math.min(a.size(), b.size());
    }

    @Test
    void aSettledSessionIsReusedAndAFailedOneIsNot() throws Exception {
        Triage triage = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
        BuildEvidence e = triage.run(Path.of("fixtures/seed/founding-case.yaml")).builds().get(0).evidence();
        RulePack pack = RulePack.compile(Path.of("rules")).against(triage.knowledge());
        new Reasoner(pack, triage.knowledge()).reason(e);
        assertEquals(1, pack.sessions().idle());
        KieSession kept = pack.sessions().take();
        assertEquals(0, pack.sessions().idle());
        pack.sessions().giveBack(kept);
        assertSame(kept, pack.sessions().take(), "the session given back is the next one taken");
        pack.sessions().giveBack(kept);

        for (String broken : List.of("throwing-consequence", "loop-in-consequence")) {
            Triage failing = Triage.load(Path.of("fixtures/broken-rules", broken), Path.of("knowledge-base"));
            Reasoner reasoner = new Reasoner(failing.rules(), failing.knowledge(), new SessionLimits(Duration.ofSeconds(1),
                    SessionLimits.defaults().firings(), SessionLimits.defaults().memory()));
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(InferenceException.class, () -> reasoner.reason(e)));
            assertEquals(0, failing.rules().sessions().idle(), broken + ": a session that failed is not kept");
        }
    }

    @Test
    void noMoreThanTheCapacityIsKept() throws Exception {
        RulePack pack = Triage.load(Path.of("rules"), Path.of("knowledge-base")).rules();
        IdleSessions sessions = new IdleSessions(pack.kieBase(), 2);
        KieSession a = sessions.take();
        KieSession b = sessions.take();
        KieSession c = sessions.take();
        assertNotSame(a, b);
        sessions.giveBack(a);
        sessions.giveBack(b);
        sessions.giveBack(c);
        assertEquals(2, sessions.idle());
        assertSame(b, sessions.take(), "the session given back last is taken first");
        assertSame(a, sessions.take());
        assertEquals(0, sessions.idle());
    }
}
