package io.posmortem.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The expected text is written out by hand from the renderer's layout: HOW tree (a child indented by "  | " under its parent), then WHY NOT per near miss. */
class ExplanationRendererTest {

    @Test
    void howTreeThenWhyNot() {
        Explanation.Node observation = new Explanation.Node("f1", "o1 degraded", null, null, false, List.of());
        Explanation.Node diagnosis = new Explanation.Node("f7", "diagnosis h-pi", "r-diag", "h-pi leads", false, List.of(observation));
        Explanation.NearMiss miss = new Explanation.NearMiss("h-base", "Base mismatch", 0.1, "rejected", "needs 0.5, has 0.1",
                List.of(new Reason("r-no", -0.4, "o1", "o1 starts too early", List.of("onset 4,096"))), List.of(), null);
        Explanation e = new Explanation("hand.yaml", "0.0.0-test",
                List.of(new Explanation.BuildExplanation("b1", "diagnosed", "h-pi", 0.8, diagnosis, List.of(miss))));
        assertEquals("""
                posmortem 0.0.0-test explain - hand.yaml

                == b1: diagnosed h-pi (0.80)

                HOW
                  f7 diagnosis h-pi
                    by r-diag: h-pi leads
                    | f1 o1 degraded

                WHY NOT

                  h-base (Base mismatch): rejected, needs 0.5, has 0.1
                    - o1 starts too early [r-no, -0.4]
                        <- onset 4,096
                """, ExplanationRenderer.render(e));
    }

    @Test
    void buildWithoutConclusionSaysSo() {
        Explanation e = new Explanation("hand.yaml", "0.0.0-test",
                List.of(new Explanation.BuildExplanation("b1", "undecided", null, 0, null, List.of())));
        assertEquals("posmortem 0.0.0-test explain - hand.yaml\n\n== b1: undecided\n\nHOW\n  no conclusion was derived\n\nWHY NOT\n",
                ExplanationRenderer.render(e));
    }
}
