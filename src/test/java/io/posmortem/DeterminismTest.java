package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.engine.Triage;
import io.posmortem.run.TriageRun;
import io.posmortem.trace.Firing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same input and rules give byte-identical JSON and the same firings, run after run. */
class DeterminismTest {

    @Test
    void twoRunsGiveIdenticalJson() {
        for (String fixture : List.of("fixtures/seed/founding-case.yaml", "fixtures/contrast/t5-far-precision.yaml",
                "fixtures/honest/ntk-or-unapplied-no-onset.yaml")) {
            Cli first = Cli.run("triage", "--format", "json", fixture);
            Cli second = Cli.run("triage", "--format", "json", fixture);
            assertEquals(first.out(), second.out(), fixture);
        }
    }

    @Test
    void firingOrderIsStableWithinOneProcess() throws Exception {
        Triage triage = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
        TriageRun a = triage.run(Path.of("fixtures/seed/founding-case.yaml"));
        TriageRun b = triage.withoutMemo().run(Path.of("fixtures/seed/founding-case.yaml"));
        for (int i = 0; i < a.builds().size(); i++) {
            List<String> fa = a.builds().get(i).trace().firings().stream().map(Firing::ruleId).toList();
            List<String> fb = b.builds().get(i).trace().firings().stream().map(Firing::ruleId).toList();
            assertEquals(fa, fb);
        }
    }
}
