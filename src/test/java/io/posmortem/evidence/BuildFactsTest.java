package io.posmortem.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.Tri;
import io.posmortem.model.evidence.BuildFact;
import io.posmortem.model.knowledge.BuildCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reported facts read into states; every state is in the documented vocabulary. */
class BuildFactsTest {

    static BuildCase build(Double base, Double factor, Double attention, Integer window, Tri fineTuned) {
        return new BuildCase("b", "rope-configured", "rope", 8192, 131072, null, false, "rope", 500000, 8, "yarn", fineTuned,
                null, null, base, factor, attention, window, "fp8", "bf16", true);
    }

    static Map<String, BuildFact> byName(List<BuildFact> facts) {
        Map<String, BuildFact> out = new LinkedHashMap<>();
        facts.forEach(f -> out.put(f.name(), f));
        return out;
    }

    @Test
    void reportedValuesAreComparedWithTheConfiguredOnes() {
        Map<String, BuildFact> f = byName(BuildFacts.of(build(10000.0, 1.0, 1.0, 32768, Tri.YES), 1.2079, 65536, 0.01));
        assertEquals("other", f.get("runtime-base").state());
        assertEquals("the runtime reports rope_theta 10,000; the model was trained with 500,000", f.get("runtime-base").text());
        assertEquals("dropped", f.get("runtime-factor").state());
        assertEquals("lower", f.get("attention-factor").state());
        assertEquals("short-of-observed", f.get("runtime-window").state());
        assertEquals("beyond-original", f.get("allocated-window").state());
        assertEquals("none", f.get("sliding-window").state());
        assertEquals("8-bit", f.get("kv-cache").state());
        assertEquals("bf16", f.get("rope-dtype").state());
        assertEquals("yes", f.get("fine-tuned").state());
        assertEquals("on", f.get("prefix-caching").state());
    }

    @Test
    void agreementIsWithinTheToleranceAndAWindowHoldingEveryDegradationIsNotShort() {
        Map<String, BuildFact> f = byName(BuildFacts.of(build(500000.0 * 1.005, 8.0, 1.5, 65536, Tri.UNKNOWN), 1.2079, 60000, 0.01));
        assertEquals("trained", f.get("runtime-base").state());
        assertEquals("as-configured", f.get("runtime-factor").state());
        assertEquals("higher", f.get("attention-factor").state());
        assertEquals("short-of-target", f.get("runtime-window").state());
        assertEquals(null, f.get("fine-tuned"));
    }

    @Test
    void everyStateIsInTheVocabulary() {
        for (BuildFact f : BuildFacts.of(build(10000.0, 2.0, 1.0, 4096, Tri.NO), 1.0, 0, 0.01)) {
            List<String> states = BuildFact.STATES.get(f.name());
            if (!states.isEmpty()) assertEquals(true, states.contains(f.state()), f.toString());
        }
    }
}
