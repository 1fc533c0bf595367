package io.posmortem.trace;

import io.posmortem.model.Numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.Outcome;
import io.posmortem.model.Trend;
import io.posmortem.model.Tri;
import io.posmortem.model.input.Observation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationsTest {

    @Test
    void fillsBindingsAndRecordComponents() {
        Observation o = new Observation("b", "o1", null, "local-syntax", 20_000, 32_768, Outcome.DEGRADED, 0, Trend.WORSENS,
                Tri.UNKNOWN, Tri.UNKNOWN, null, null, true, null, "/builds/0/observations/0", 1.0, null, null, Tri.UNKNOWN, null);
        String text = Explanations.fill("{o.capability} was {o.outcome} at {o.fromTokens}-{o.toTokens} tokens; ratio {r}; {missing}",
                Map.of("o", o, "r", 0.125));
        assertEquals("local-syntax was degraded at 20,000-32,768 tokens; ratio 0.125; {missing?}", text);
    }

    /** A template is split once and filled from each call's own bindings; a component a value lacks, or a null on the path, stays visible. */
    @Test
    void aTemplateFilledAgainUsesTheNewBindings() {
        String template = "{x} then {y.hypothesis} and {y.nothing}; {x.length}";
        record Pair(String hypothesis) {}
        assertEquals("a then h-pi and {y.nothing?}; 1", Explanations.fill(template, Map.of("x", "a", "y", new Pair("h-pi"))));
        assertEquals("2 then h-yarn and {y.nothing?}; {x.length?}", Explanations.fill(template, Map.of("x", 2, "y", new Pair("h-yarn"))));
        java.util.Map<String, Object> nulls = new java.util.HashMap<>();
        nulls.put("x", null);
        nulls.put("y", null);
        assertEquals("none then {y.hypothesis?} and {y.nothing?}; {x.length?}", Explanations.fill(template, nulls));
        assertEquals("Pair", Explanations.render(new Pair("h-pi")), "a record without an id() prints its type");
        assertEquals("no placeholders", Explanations.fill("no placeholders", Map.of()));
        assertEquals("", Explanations.fill("", Map.of()));
    }

    @Test
    void numbersAreFormattedTheSameEverywhere() {
        assertEquals("18,693", Numbers.format(18_693));
        assertEquals("0.125", Numbers.format(0.125));
        assertEquals("1.208", Numbers.format(1.2079441541679836));
        assertEquals("78.12", Numbers.format(19_999 / 256.0));
        assertEquals("0.003906", Numbers.format(0.00390625));
        assertEquals("-0.8667", Numbers.format(-0.8666666666666667));
        assertEquals("0.7200", Numbers.fixed(0.72, 4));
        assertEquals(-0.8666666667, Numbers.round(-0.8666666666666667));
    }
}
