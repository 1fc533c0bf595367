package io.posmortem.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.Tri;
import io.posmortem.model.evidence.ReportedFact;
import io.posmortem.model.evidence.ModelLayers;
import io.posmortem.model.evidence.PositionReport;
import io.posmortem.model.evidence.RuntimeReport;
import io.posmortem.model.input.PositionHandling;
import io.posmortem.model.knowledge.BuildCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reported facts read into states; every state is in the documented vocabulary. */
class ReportedFactsTest {

    static BuildCase build(Tri fineTuned) {
        return new BuildCase("b", "rope-configured", "rope", 8192, 131072, null, false, "rope", 500000, 8, "yarn", fineTuned, null, 8192, null, null, null, Tri.UNKNOWN, null);
    }

    static RuntimeReport runtime(Double base, Double factor, Double attention, Integer window) {
        return new RuntimeReport("b", null, base, factor, attention, window, "fp8", "bf16", Tri.UNKNOWN, Tri.YES, null, null, null, null, null,
                Tri.UNKNOWN, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN);
    }

    static List<ReportedFact> facts(BuildCase c, RuntimeReport r, double attention, int longestDegraded, double tolerance) {
        return ReportedFacts.of(c, r, PositionReport.of("b", PositionHandling.UNREPORTED), List.of(), List.of(), attention, longestDegraded,
                null, tolerance, 128);
    }

    static Map<String, ReportedFact> byName(List<ReportedFact> facts) {
        Map<String, ReportedFact> out = new LinkedHashMap<>();
        facts.forEach(f -> out.put(f.name(), f));
        return out;
    }

    @Test
    void reportedValuesAreComparedWithTheConfiguredOnes() {
        Map<String, ReportedFact> f = byName(facts(build(Tri.YES), runtime(10000.0, 1.0, 1.0, 32768), 1.2079, 65536, 0.01));
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
        Map<String, ReportedFact> f = byName(facts(build(Tri.UNKNOWN), runtime(500000.0 * 1.005, 8.0, 1.5, 65536), 1.2079, 60000, 0.01));
        assertEquals("trained", f.get("runtime-base").state());
        assertEquals("as-configured", f.get("runtime-factor").state());
        assertEquals("higher", f.get("attention-factor").state());
        assertEquals("short-of-target", f.get("runtime-window").state());
        assertEquals(null, f.get("fine-tuned"));
    }

    @Test
    void everyStateIsInTheVocabulary() {
        for (ReportedFact f : facts(build(Tri.NO), runtime(10000.0, 2.0, 1.0, 4096), 1.0, 0, 0.01)) {
            List<String> states = ReportedFact.STATES.get(f.name());
            if (!states.isEmpty()) assertEquals(true, states.contains(f.state()), f.toString());
        }
    }

    @Test
    void theRuntimesSlidingWindowIsAFactOnlyWhenReported() {
        BuildCase windowed = new BuildCase("b", "rope-none", "rope", 4096, 4096, null, false, "rope", 10000, 1, "default", Tri.NO, 2047, 4096, null, null, null, Tri.UNKNOWN, null);
        for (Tri applied : Tri.values()) {
            RuntimeReport r = new RuntimeReport("b", null, null, null, null, null, null, null, applied, Tri.UNKNOWN, null, null, null, null, null,
                    Tri.UNKNOWN, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN);
            ReportedFact f = byName(facts(windowed, r, 1.0, 0, 0.01)).get("sliding-window");
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
            RuntimeReport r = new RuntimeReport("b", null, null, null, null, null, dtype, null, Tri.UNKNOWN, Tri.UNKNOWN, null, null, null, null, null,
                    Tri.UNKNOWN, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN);
            assertEquals(state, byName(facts(build(Tri.UNKNOWN), r, 1.0, 0, 0.01)).get("kv-cache").state(), dtype);
        });
    }

    @Test
    void whatTheEngineRanIsComparedWithWhatTheBuildConfigures() {
        BuildCase yarn = build(Tri.NO);
        Map<String, String> states = new java.util.TreeMap<>();
        for (String[] served : new String[][] {{"yarn", "8"}, {"yarn", "4"}, {"default", null}, {"linear", "8"}}) {
            RuntimeReport r = new RuntimeReport("b", null, null, null, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN, served[0],
                    served[1] == null ? null : Double.valueOf(served[1]), null, null, null, Tri.UNKNOWN, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN);
            states.put(served[0] + " " + served[1], byName(facts(yarn, r, 1.0, 0, 0.01)).get("served-scaling").state());
        }
        assertEquals(Map.of("yarn 8", "as-configured", "yarn 4", "other-factor", "default null", "dropped", "linear 8", "other-method"), states);
    }

    @Test
    void aFactorBelowOneThatIsNotTheInverseIsAnotherFactorNotADroppedOne() {
        // Factor 8 configured; 0.5 (a freq scale of 2) is neither 1 (dropped) nor 1/8 (inverted).
        assertEquals("other", byName(facts(build(Tri.NO), runtime(null, 0.5, null, null), 1.0, 0, 0.01)).get("runtime-factor").state());
        assertEquals("dropped", byName(facts(build(Tri.NO), runtime(null, 1.0, null, null), 1.0, 0, 0.01)).get("runtime-factor").state());
    }

    @Test
    void theTrainedBaseServedForABuildThatSetsAnotherIsADroppedBase() {
        BuildCase c = new BuildCase("b", "rope-new-base", "rope", 2048, 32768, null, false, "rope", 10000, 1, "default", Tri.YES, null, 2048, null, null, null, Tri.UNKNOWN, null);
        RuntimeReport trained = runtime(10000.0, null, null, null);
        Map<String, ReportedFact> lost = byName(ReportedFacts.of(c, trained, PositionReport.of("b", PositionHandling.UNREPORTED), List.of(),
                List.of(), 1.0, 0, 500000.0, 0.01, 128));
        assertEquals("dropped", lost.get("runtime-base").state());
        assertTrue(lost.get("runtime-base").text().contains("the build sets 500,000"), lost.get("runtime-base").text());
        // Without a new base the trained base is just the trained one; the new base itself is "other".
        assertEquals("trained", byName(ReportedFacts.of(c, trained, PositionReport.of("b", PositionHandling.UNREPORTED), List.of(),
                List.of(), 1.0, 0, null, 0.01, 128)).get("runtime-base").state());
        assertEquals("other", byName(ReportedFacts.of(c, runtime(500000.0, null, null, null), PositionReport.of("b", PositionHandling.UNREPORTED),
                List.of(), List.of(), 1.0, 0, 500000.0, 0.01, 128)).get("runtime-base").state());
    }

    @Test
    void aFactorReportedAsItsInverseIsInverted() {
        // llama.cpp's --rope-freq-scale 8 where --rope-scale 8 (freq scale 0.125) was meant: intake reads factor 1/8.
        assertEquals("inverted", byName(facts(build(Tri.NO), runtime(null, 0.125, null, null), 1.0, 0, 0.01)).get("runtime-factor").state());
    }

    @Test
    void positionHandlingLayersLayoutAndBatchesBecomeStates() {
        BuildCase c = new BuildCase("b", "as-shipped-rope", "rope", 8192, 4096, null, false, "rope", 10000, 1, "default", Tri.UNKNOWN, null,
                131072, "half-split", null, null, Tri.UNKNOWN, null);
        RuntimeReport r = new RuntimeReport("b", null, null, null, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN, null, null, null, null,
                "static", Tri.YES, 4, "sdpa", "interleaved", 80, Tri.NO, Tri.YES);
        PositionReport p = new PositionReport("b", Tri.YES, 0, Tri.YES, Tri.NO, Tri.YES, Tri.NO, Tri.YES, "self-extend", 4, 1024, null);
        ModelLayers layers = new ModelLayers("b", 6, 10000.0, 1024, Tri.NO, 4, 8192);
        io.posmortem.model.input.Observation o = new io.posmortem.model.input.Observation("b", "o1", null, "local-syntax", 1, 4096,
                io.posmortem.model.Outcome.DEGRADED, 0, io.posmortem.model.Trend.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, null, null, true, null,
                "/x", 1.0, null, null, Tri.YES, null);
        Map<String, ReportedFact> f = byName(ReportedFacts.of(c, r, p, List.of(layers), List.of(o), 1.0, 0, null, 0.01, 128));
        Map<String, String> states = new java.util.TreeMap<>();
        f.forEach((name, fact) -> states.put(name, fact.state()));
        Map<String, String> expected = new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("scaling-applied", "static"), Map.entry("logn-attention", "on"), Map.entry("weight-bits", "low-bit"),
                Map.entry("attention-backend", "sdpa"), Map.entry("rotary-layout", "differs"), Map.entry("context-shift", "on"),
                Map.entry("shift-keeps-start", "no"), Map.entry("padded-position-ids", "shared-counter"), Map.entry("packing", "no-reset"),
                Map.entry("chunked-prefill", "on"), Map.entry("position-remap", "self-extend"), Map.entry("batch-dependent", "yes"),
                Map.entry("target-window", "inside-trained"), Map.entry("local-global-layers", "yes"), Map.entry("local-layers-scaled", "no"),
                Map.entry("nope-layers", "yes"), Map.entry("rotary-dims", "other"), Map.entry("chunked-attention", "ignored"),
                Map.entry("nope-rotation", "rotated")));
        expected.forEach((name, state) -> assertEquals(state, states.get(name), name));
        for (ReportedFact x : f.values()) {
            List<String> allowed = ReportedFact.STATES.get(x.name());
            assertEquals(true, allowed != null && (allowed.isEmpty() || allowed.contains(x.state())), x.toString());
        }
    }

    static RuntimeReport logn(Tri on) {
        return new RuntimeReport("b", null, null, null, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN, null, null, null, null, null,
                on, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN);
    }

    @Test
    void logNAttentionOffIsDroppedOnlyWhenTheModelsConfigAsksForIt() {
        BuildCase asks = new BuildCase("b", "rope-configured", "rope", 2048, 8192, null, false, "rope", 10000, 4, "dynamic", Tri.NO, null,
                2048, null, null, null, Tri.YES, null);
        ReportedFact dropped = byName(facts(asks, logn(Tri.NO), 1.0, 0, 0.01)).get("logn-attention");
        assertEquals("dropped", dropped.state());
        // ln 8192 / ln 2048 = 13 ln 2 / 11 ln 2 = 13/11 = 1.1818...
        assertTrue(dropped.text().contains("1.182 at 8,192 tokens"), dropped.text());
        assertEquals("on", byName(facts(asks, logn(Tri.YES), 1.0, 0, 0.01)).get("logn-attention").state());
        BuildCase silent = new BuildCase("b", "rope-configured", "rope", 2048, 8192, null, false, "rope", 10000, 4, "dynamic", Tri.NO, null,
                2048, null, null, null, Tri.UNKNOWN, null);
        assertEquals("off", byName(facts(silent, logn(Tri.NO), 1.0, 0, 0.01)).get("logn-attention").state());
        assertEquals(null, byName(facts(asks, logn(Tri.UNKNOWN), 1.0, 0, 0.01)).get("logn-attention"), "not reported: no fact");
    }

    @Test
    void theBackendsSlidingWindowBehaviourIsAFactOnlyWhenTheRuntimeDoesNotReportTheWindow() {
        BuildCase sdpa = new BuildCase("b", "rope-none", "rope", 8192, 8192, null, false, "rope", 10000, 1, "default", Tri.NO, 4096, 8192,
                null, "transformers", null, Tri.UNKNOWN, "not-implemented");
        RuntimeReport unreported = new RuntimeReport("b", null, null, null, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN, null, null,
                null, null, null, Tri.UNKNOWN, null, "sdpa", null, null, Tri.UNKNOWN, Tri.UNKNOWN);
        Map<String, ReportedFact> f = byName(facts(sdpa, unreported, 1.0, 0, 0.01));
        assertEquals("not-implemented", f.get("backend-window").state());
        assertTrue(f.get("backend-window").text().contains("the sdpa backend of engine transformers is said"), f.get("backend-window").text());
        assertEquals(null, f.get("sliding-window"));
        RuntimeReport reported = new RuntimeReport("b", null, null, null, null, null, null, null, Tri.YES, Tri.UNKNOWN, null, null,
                null, null, null, Tri.UNKNOWN, null, "sdpa", null, null, Tri.UNKNOWN, Tri.UNKNOWN);
        Map<String, ReportedFact> g = byName(facts(sdpa, reported, 1.0, 0, 0.01));
        assertEquals("applied", g.get("sliding-window").state(), "what the runtime reports wins over what the backend usually does");
        assertEquals(null, g.get("backend-window"));
    }

    @Test
    void theEngineTheBuildNamesIsAFactOnlyWhenKnown() {
        BuildCase known = new BuildCase("b", "rope-none", "rope", 4096, 4096, null, false, "rope", 10000, 1, "default", Tri.NO, null, 4096, null, "vllm", null, Tri.UNKNOWN, null);
        Map<String, ReportedFact> f = byName(facts(known, runtime(null, null, null, null), 1.0, 0, 0.01));
        assertEquals("vllm", f.get("engine").state());
        assertEquals("the runtime the build names is engine vllm", f.get("engine").text());
        assertEquals(null, byName(facts(build(Tri.NO), runtime(null, null, null, null), 1.0, 0, 0.01)).get("engine"));
    }

    @Test
    void theEnginesKnownWayOfApplyingALengthDependentScalingIsAFactUnlessTheRuntimeReportsItsOwn() {
        // knowledge-base/engines.yaml: vLLM applies dynamic NTK statically; llama.cpp picks LongRoPE's factors by allocation.
        BuildCase dynamicOnVllm = new BuildCase("b", "rope-configured", "rope", 4096, 8192, null, false, "rope", 10000, 2, "dynamic", Tri.NO,
                null, 4096, null, "vllm", "static", Tri.UNKNOWN, null);
        ReportedFact applied = byName(facts(dynamicOnVllm, runtime(null, null, null, null), 1.0, 0, 0.01)).get("scaling-applied");
        assertEquals("static", applied.state());
        assertEquals(true, applied.text().startsWith("engine vllm applies dynamic NTK with one base for every request"), applied.text());
        RuntimeReport saysPerLength = new RuntimeReport("b", null, null, null, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN, null, null,
                null, null, "per-length", Tri.UNKNOWN, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN);
        assertEquals("per-length", byName(facts(dynamicOnVllm, saysPerLength, 1.0, 0, 0.01)).get("scaling-applied").state(),
                "what the runtime reports wins over what the engine usually does");
        BuildCase longropeOnLlamaCpp = new BuildCase("b", "rope-configured", "rope", 4096, 131072, null, false, "rope", 10000, 32, "longrope",
                Tri.NO, null, 4096, null, "llama.cpp", "by-allocation", Tri.UNKNOWN, null);
        Map<String, ReportedFact> f = byName(facts(longropeOnLlamaCpp, runtime(null, null, null, null), 1.0, 0, 0.01));
        assertEquals("by-allocation", f.get("longrope-factors").state());
        assertEquals(null, f.get("scaling-applied"), "scaling-applied is about dynamic NTK");
    }

    @Test
    void aRopeModelWithoutLocalAndGlobalLayersSaysEveryLayerRotatesAlike() {
        BuildCase c = new BuildCase("b", "as-shipped-rope", "rope", 8192, 8192, null, false, "rope", 10000, 1, "default", Tri.UNKNOWN, null,
                8192, null, null, null, Tri.UNKNOWN, null);
        RuntimeReport r = new RuntimeReport("b", null, null, null, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN, null, null, null, null,
                null, Tri.UNKNOWN, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN);
        PositionReport p = new PositionReport("b", Tri.UNKNOWN, null, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, Tri.UNKNOWN, null, null, null, null);
        assertEquals("no", byName(ReportedFacts.of(c, r, p, List.of(), List.of(), 1.0, 0, null, 0.01, 128)).get("local-global-layers").state());
        // Layers without a global/local split (Llama 4's NoPE layers only) still leave every RoPE layer alike.
        ModelLayers nope = new ModelLayers("b", null, null, null, Tri.UNKNOWN, 4, 8192);
        assertEquals("no", byName(ReportedFacts.of(c, r, p, List.of(nope), List.of(), 1.0, 0, null, 0.01, 128)).get("local-global-layers").state());
        ModelLayers gemma = new ModelLayers("b", 6, 10000.0, 1024, Tri.NO, null, null);
        assertEquals("yes", byName(ReportedFacts.of(c, r, p, List.of(gemma), List.of(), 1.0, 0, null, 0.01, 128)).get("local-global-layers").state());
        BuildCase alibi = new BuildCase("b", "as-shipped-alibi", "relative-bias", 2048, 2048, null, false, "alibi", 10000, 1, "default", Tri.UNKNOWN,
                null, 2048, null, null, null, Tri.UNKNOWN, null);
        assertEquals(null, byName(ReportedFacts.of(alibi, r, p, List.of(), List.of(), 1.0, 0, null, 0.01, 128)).get("local-global-layers"));
    }
}
