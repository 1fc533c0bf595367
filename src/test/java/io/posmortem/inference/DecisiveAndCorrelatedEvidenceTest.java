package io.posmortem.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.derived.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Decisive facts shield part of the disbelief of the rest (Certainty.shielded), and correlated
 * supports count once (CertaintyAccumulate.independent). Expected values are hand derivations.
 */
class DecisiveAndCorrelatedEvidenceTest {

    @Test
    void withoutDecisiveEvidenceTheRestIsUnchanged() {
        Certainty rest = Certainty.of(List.of(0.48, -0.56, 0.24));
        Certainty shielded = Certainty.shielded(Certainty.NONE, rest, 0.5);
        assertEquals(rest.belief(), shielded.belief(), 1e-15);
        assertEquals(rest.disbelief(), shielded.disbelief(), 1e-15);
    }

    @Test
    void aDecisiveFactIsLoweredNotErasedByAContradiction() {
        // A runtime log showing the attention factor missing (+0.8, decisive) against one
        // contradiction from a mislabelled capability (-0.7 x 0.8 = -0.56).
        // MB = 0.8; MD = 0.56 x (1 - 0.5 x 0.8) = 0.336; CF = (0.8 - 0.336) / (1 - 0.336) = 0.6988.
        Certainty c = Certainty.shielded(Certainty.of(List.of(0.8)), Certainty.of(List.of(-0.56)), 0.5);
        assertEquals(0.8, c.belief(), 1e-12);
        assertEquals(0.336, c.disbelief(), 1e-12);
        assertEquals(0.464 / 0.664, c.factor(), 1e-12);
        // Unshielded, the same supports give (0.8 - 0.56) / (1 - 0.56) = 0.5455.
        assertTrue(c.factor() > Certainty.of(List.of(0.8, -0.56)).factor());
    }

    @RepeatedTest(200)
    void shieldedCertaintyIsBoundedAndMonotoneInTheDecisiveBelief(RepetitionInfo info) {
        Random random = new Random(9100L + info.getCurrentRepetition());
        Certainty rest = Certainty.of(CertaintyTest.weights(random));
        double d1 = random.nextDouble();
        double d2 = d1 + (1 - d1) * random.nextDouble();
        double shield = random.nextDouble();
        double cf1 = Certainty.shielded(new Certainty(d1, 0), rest, shield).factor();
        double cf2 = Certainty.shielded(new Certainty(d2, 0), rest, shield).factor();
        assertTrue(cf1 >= -1 && cf1 <= 1 && cf2 >= -1 && cf2 <= 1);
        assertTrue(cf2 >= cf1 - 1e-12, "more decisive belief never lowers the certainty: " + cf1 + " -> " + cf2);
    }

    @Test
    void supportsOfOneRuleAboutOneCapabilityCountOnce() {
        // Three bands of one metric agreeing with one prediction: one piece of evidence (0.6), not
        // 1 - 0.4^3 = 0.936. Another rule or another capability counts separately.
        List<Object> supports = new ArrayList<>();
        supports.add(new Support("b", "h", "match.degraded-past-onset-agrees", 0.6, "o1", "output-quality"));
        supports.add(new Support("b", "h", "match.degraded-past-onset-agrees", 0.48, "o2", "output-quality"));
        supports.add(new Support("b", "h", "match.degraded-past-onset-agrees", 0.6, "o3", "output-quality"));
        supports.add(new Support("b", "h", "match.trend-agrees", 0.3, "o3", "output-quality"));
        supports.add(new Support("b", "h", "match.degraded-past-onset-agrees", 0.48, "o4", "local-syntax"));
        supports.add(new Support("b", "h", "match.degraded-past-onset-not-seen", -0.48, "o5", "output-quality"));
        List<Double> independent = CertaintyAccumulate.independent(supports);
        assertEquals(4, independent.size(), independent.toString());
        assertTrue(independent.containsAll(List.of(0.6, 0.3, 0.48, -0.48)), independent.toString());
    }
}
