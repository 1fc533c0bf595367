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
