package io.posmortem.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.Tri;
import io.posmortem.model.evidence.ReportedFact;
import io.posmortem.model.evidence.RuntimeReport;
import io.posmortem.model.knowledge.BuildCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reported facts read into states; every state is in the documented vocabulary. */
class ReportedFactsTest {

    static BuildCase build(Tri fineTuned) {
        return new BuildCase("b", "rope-configured", "rope", 8192, 131072, null, false, "rope", 500000, 8, "yarn", fineTuned, null, null);
    }

    static RuntimeReport runtime(Double base, Double factor, Double attention, Integer window) {
        return new RuntimeReport("b", null, base, factor, attention, window, "fp8", "bf16", Tri.UNKNOWN, Tri.YES);
    }

    static Map<String, ReportedFact> byName(List<ReportedFact> facts) {
        Map<String, ReportedFact> out = new LinkedHashMap<>();
        facts.forEach(f -> out.put(f.name(), f));
        return out;
    }

    @Test
    void reportedValuesAreComparedWithTheConfiguredOnes() {
        Map<String, ReportedFact> f = byName(ReportedFacts.of(build(Tri.YES), runtime(10000.0, 1.0, 1.0, 32768), 1.2079, 65536, 0.01));
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
        Map<String, ReportedFact> f = byName(ReportedFacts.of(build(Tri.UNKNOWN), runtime(500000.0 * 1.005, 8.0, 1.5, 65536), 1.2079, 60000, 0.01));
        assertEquals("trained", f.get("runtime-base").state());
        assertEquals("as-configured", f.get("runtime-factor").state());
        assertEquals("higher", f.get("attention-factor").state());
        assertEquals("short-of-target", f.get("runtime-window").state());
        assertEquals(null, f.get("fine-tuned"));
    }

    @Test
    void everyStateIsInTheVocabulary() {
        for (ReportedFact f : ReportedFacts.of(build(Tri.NO), runtime(10000.0, 2.0, 1.0, 4096), 1.0, 0, 0.01)) {
            List<String> states = ReportedFact.STATES.get(f.name());
            if (!states.isEmpty()) assertEquals(true, states.contains(f.state()), f.toString());
        }
    }

    @Test
    void theRuntimesSlidingWindowIsAFactOnlyWhenReported() {
        BuildCase windowed = new BuildCase("b", "rope-none", "rope", 4096, 4096, null, false, "rope", 10000, 1, "default", Tri.NO, 2047, null);
        for (Tri applied : Tri.values()) {
            RuntimeReport r = new RuntimeReport("b", null, null, null, null, null, null, null, applied, Tri.UNKNOWN);
            ReportedFact f = byName(ReportedFacts.of(windowed, r, 1.0, 0, 0.01)).get("sliding-window");
            switch (applied) {
                case YES -> assertEquals("applied", f.state());
                case NO -> assertEquals("ignored", f.state());
                case UNKNOWN -> assertEquals(null, f, "not reported: no state, the rules ask instead");
            }
        }
    }

    @Test
    void kvCacheStatesFollowTheDtypesWidth() {
        Map<String, String> expected = Map.of("fp32", "full", "fp16", "full", "bf16", "full", "fp8", "8-bit", "int8", "8-bit", "int4", "4-bit");
        expected.forEach((dtype, state) -> {
            RuntimeReport r = new RuntimeReport("b", null, null, null, null, null, dtype, null, Tri.UNKNOWN, Tri.UNKNOWN);
            assertEquals(state, byName(ReportedFacts.of(build(Tri.UNKNOWN), r, 1.0, 0, 0.01)).get("kv-cache").state(), dtype);
        });
    }

    @Test
    void theEngineTheBuildNamesIsAFactOnlyWhenKnown() {
        BuildCase known = new BuildCase("b", "rope-none", "rope", 4096, 4096, null, false, "rope", 10000, 1, "default", Tri.NO, null, "vllm");
        Map<String, ReportedFact> f = byName(ReportedFacts.of(known, runtime(null, null, null, null), 1.0, 0, 0.01));
        assertEquals("vllm", f.get("engine").state());
        assertEquals("the runtime the build names is engine vllm", f.get("engine").text());
        assertEquals(null, byName(ReportedFacts.of(build(Tri.NO), runtime(null, null, null, null), 1.0, 0, 0.01)).get("engine"));
    }
}
