package io.posmortem.report;

import io.posmortem.run.BuildRun;
import static io.posmortem.report.HandTrace.BUILD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.posmortem.knowledge.SubjectPlan;
import io.posmortem.model.derived.Finding;
import io.posmortem.model.derived.FixCheck;
import io.posmortem.model.derived.FixEffect;
import io.posmortem.model.derived.FixVerified;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.knowledge.SubjectRole;
import io.posmortem.model.positional.AlibiSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every expected value is read off the hand-written trace and evidence of the test. */
class WhatIfSectionTest {

    private static final Map<String, Object> BLOCK = Map.of("rope_type", "yarn");
    private static final List<HypothesisView> HYPOTHESES = List.of(
            new HypothesisView("h-lead", "T", 0.8, 0.8, 0, "leading", List.of(), List.of()));

    private static HandEvidence evidence() {
        HandEvidence e = new HandEvidence();
        e.subjects.add(new Subject("s-cur", BUILD, SubjectRole.CANDIDATE, "h-lead", null, "alibi", new AlibiSpec(8)));
        e.subjects.add(new Subject("s-alt", BUILD, SubjectRole.FIX, null, SubjectPlan.WHAT_IF, "alibi", new AlibiSpec(8)));
        return e;
    }

    private static BuildSpec spec(Map<String, Object> block) {
        return new BuildSpec(BUILD, "t", null, null, List.of(), "/builds/0", null, block);
    }

    @Test
    void findingsThatDisappearAndAppearAgainstTheLeader() {
        HandTrace t = new HandTrace();
        t.derive("r-f", "current crowds", new Finding("s-cur", BUILD, "crowded", 1, 0));
        t.derive("r-f", "current loses", new Finding("s-cur", BUILD, "lost", 1, 0));
        t.derive("r-f", "alternative loses", new Finding("s-alt", BUILD, "lost", 1, 0));
        t.derive("r-f", "alternative shifts", new Finding("s-alt", BUILD, "shifted", 1, 0));
        t.derive("r-c", "alternative restores o1", new FixCheck(BUILD, SubjectPlan.WHAT_IF, "o1", "retrieval", FixEffect.RESTORES));
        t.derive("r-v", "verified", new FixVerified(BUILD, SubjectPlan.WHAT_IF));
        WhatIfView w = WhatIfSection.build(new BuildRun(spec(BLOCK), evidence().build(), t.trace()), null, HYPOTHESES);
        assertEquals(new WhatIfView(BLOCK, "h-lead", List.of("current crowds", "current loses"), List.of("alternative loses", "alternative shifts"),
                List.of("crowded"), List.of("shifted"), List.of("alternative restores o1"), true), w);
    }

    @Test
    void noWhatIfWithoutItsBlock() {
        assertNull(WhatIfSection.build(new BuildRun(spec(null), evidence().build(), new HandTrace().trace()), null, HYPOTHESES));
    }
}
