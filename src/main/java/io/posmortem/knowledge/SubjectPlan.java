package io.posmortem.knowledge;

import io.posmortem.model.Dtype;
import io.posmortem.model.Tri;
import io.posmortem.model.WireName;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.ModelSpec;
import io.posmortem.model.input.Retrofit;
import io.posmortem.model.input.RuntimeSpec;
import io.posmortem.model.knowledge.BuildCase;
import io.posmortem.model.knowledge.FixOption;
import io.posmortem.model.FixVerification;
import io.posmortem.model.knowledge.ServingEngine;
import io.posmortem.model.knowledge.Mechanism;
import io.posmortem.model.knowledge.RetrofitKind;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.knowledge.SubjectRole;
import io.posmortem.model.positional.AlibiSpec;
import io.posmortem.model.positional.FactsOnly;
import io.posmortem.model.positional.PositionalSpec;
import io.posmortem.model.positional.RopeComparison;
import io.posmortem.model.positional.RopeInPrecision;
import io.posmortem.model.positional.RopeMapping;
import io.posmortem.model.positional.UnknownBase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the knowledge base to one build: the candidate subjects (one per candidate hypothesis
 * of the build's retrofit kind, each with the exact configuration its mechanism implies for this
 * build) and the fix subjects (every fix of every candidate that the model can take).
 */
public final class SubjectPlan {
    private SubjectPlan() {}

    public static BuildCase buildCase(BuildSpec build, ModelSpec model, KnowledgeBase kb) {
        RetrofitKind kind = kb.retrofitKinds().get(build.retrofit().kind());
        Retrofit r = build.retrofit();
        String method = r.configured() == null ? "default" : r.configured().method();
        ServingEngine engine = kb.engineOf(build.runtime().engine()).orElse(null);
        return new BuildCase(build.id(), kind.id(), kind.family(), model.trainedContext(), r.targetContext(),
                kind.statedReading(), kind.loose(), WireName.of(model.encoding()), model.ropeBase(), r.factor(),
                method, r.fineTuned(), model.slidingWindow(),
                model.longestTrained(), model.rotaryLayout() == null ? null : model.rotaryLayout().wireName(),
                engine == null ? null : engine.id(), engine == null ? null : engine.scalingOf(method), model.lognAttention(),
                engine == null || model.slidingWindow() == null ? null : engine.slidingWindowOf(build.runtime().attentionBackend()));
    }

    /**
     * The candidate hypotheses of a build: its retrofit kind's, then every hypothesis that is a
     * candidate for any build of the kind's family ({@code candidate_for}), in knowledge-base order.
     */
    public static List<RootCause> candidates(BuildSpec build, KnowledgeBase kb) {
        RetrofitKind kind = kb.retrofitKinds().get(build.retrofit().kind());
        Set<RootCause> out = new LinkedHashSet<>();
        kind.candidates().forEach(id -> out.add(kb.hypotheses().get(id)));
        for (RootCause h : kb.hypotheses().values()) {
            if (h.candidateFor().contains(kind.family())) out.add(h);
        }
        return List.copyOf(out);
    }

    public static List<Subject> subjects(BuildSpec build, ModelSpec model, KnowledgeBase kb) {
        List<Subject> subjects = new ArrayList<>();
        Set<String> fixIds = new LinkedHashSet<>();
        RopeMapping applied = kindMapping(build, model, kb);
        RopeMapping fineTuned = build.retrofit().fineTuned() == Tri.YES ? applied : null;
        for (RootCause h : candidates(build, kb)) {
            Mechanism m = kb.mechanisms().get(h.mechanism());
            PositionalSpec spec = againstFineTuned(spec(m, Map.of(), build, model, SubjectRole.CANDIDATE, applied), fineTuned, build, model);
            if (!h.configuredMethods().isEmpty()
                    && (build.retrofit().configured() == null || !h.configuredMethods().contains(build.retrofit().configured().method()))) {
                spec = new FactsOnly();
            }
            subjects.add(new Subject(Subject.candidateId(build.id(), h.id()), build.id(), SubjectRole.CANDIDATE,
                    h.id(), null, m.id(), spec));
            fixIds.addAll(h.fixes());
        }
        for (String fixId : fixIds) {
            FixOption fix = kb.fixes().get(fixId);
            if (fix.verification() != FixVerification.NUMERIC) continue;
            if (fix.requires() != null && !fix.requires().equals(WireName.of(model.encoding()))) continue;
            Mechanism m = kb.mechanisms().get(fix.mechanism());
            PositionalSpec spec = againstFineTuned(spec(m, fix.parameters(), build, model, SubjectRole.FIX, applied), fineTuned, build, model);
            subjects.add(new Subject(Subject.fixId(build.id(), fix.id()), build.id(), SubjectRole.FIX,
                    null, fix.id(), m.id(), spec));
        }
        if (build.whatIf() != null) {
            subjects.add(new Subject(Subject.fixId(build.id(), WHAT_IF), build.id(), SubjectRole.FIX, null, WHAT_IF, WHAT_IF, build.whatIf()));
        }
        return List.copyOf(subjects);
    }

    /**
     * The mapping a build's retrofit kind applies: its rope_scaling block when it gives one, else
     * the kind's {@code mapping_mechanism} (linear interpolation for {@code rope-linear}, the new
     * base for {@code rope-new-base}, ...); null when neither says.
     */
    static RopeMapping kindMapping(BuildSpec build, ModelSpec model, KnowledgeBase kb) {
        if (build.retrofit().configured() != null) return build.retrofit().configured();
        String mechanism = kb.retrofitKinds().get(build.retrofit().kind()).mappingMechanism();
        if (mechanism == null || kb.mechanisms().get(mechanism).method().equals("configured")) return null;
        PositionalSpec spec = spec(kb.mechanisms().get(mechanism), Map.of(), build, model, SubjectRole.FIX, null);
        return spec instanceof RopeMapping mapping ? mapping : null;
    }

    /**
     * A model fine-tuned (or trained) with its scaling learned those frequencies: they, over the
     * fine-tuned window, are what every served mapping must be compared with. So: a plain mapping
     * compared with the fine-tuned one over the fine-tuned window, and pair by pair
     * with pre-training's plain RoPE over the trained window where it is served closer to that;
     * anything else unchanged.
     */
    static PositionalSpec againstFineTuned(PositionalSpec spec, RopeMapping fineTuned, BuildSpec build, ModelSpec model) {
        if (fineTuned == null || !(spec instanceof RopeMapping served)) return spec;
        return new RopeComparison(fineTuned, build.retrofit().fineTunedContext(), served,
                new RopeMapping.Default(model.ropeBase()), model.trainedContext());
    }

    /** The fix id of the alternative configuration a build asks to evaluate ({@code what_if}, {@code --what-if}). */
    public static final String WHAT_IF = "what-if";

    /**
     * The configuration a mechanism implies for this build. A candidate NTK-aware base change uses
     * the build's explicit new base when it gives one; a fix always uses the formula. Mechanisms
     * that need a runtime fact the build does not report get {@link FactsOnly} (no numbers).
     * <ul>
     *   <li>{@code configured}: the rope_scaling block as given, else the mapping the retrofit kind
     *       applies ({@code kindMapping}), else plain RoPE;
     *   <li>{@code runtime-base}: RoPE served with the base the runtime reports (a configured linear
     *       factor still applied on top of it);
     *   <li>{@code runtime-factor}: the rope_scaling block the runtime reports running, else the
     *       configured method with the factor the runtime reports (plain RoPE when it reports 1: the
     *       factor was ignored; faster pairs below 1: the factor passed as its inverse);
     *   <li>{@code fine-tuned-scale}: served as {@code runtime-factor}, for a build that says it was
     *       fine-tuned (so compared with the mapping it learned; nothing otherwise);
     *   <li>{@code angle-precision}: the configured mapping with angles in the runtime's rope dtype.
     * </ul>
     */
    static PositionalSpec spec(Mechanism m, Map<String, Double> fixParameters, BuildSpec build, ModelSpec model,
                               SubjectRole role, RopeMapping kindMapping) {
        Retrofit retrofit = build.retrofit();
        RuntimeSpec runtime = build.runtime();
        double s = retrofit.factor();
        double base = model.ropeBase();
        RopeMapping configured = retrofit.configured() != null ? retrofit.configured()
                : kindMapping != null ? kindMapping : new RopeMapping.Default(base);
        switch (m.method()) {
            case "configured":
                return configured;
            case "runtime-base":
                if (runtime.reportedBase() == null) return new FactsOnly();
                // A linear factor served on top of another base (exllama's compress_pos_emb with an NTK
                // alpha): both at once, every frequency of the reported base divided by the factor.
                if (configured instanceof RopeMapping.Linear l) {
                    return new RopeMapping.Linear(runtime.reportedBase(), runtime.reportedFactor() != null ? runtime.reportedFactor() : l.factor());
                }
                return new RopeMapping.NewBase(base, runtime.reportedBase());
            case "runtime-factor":
                return served(configured, runtime, model);
            case "fine-tuned-scale":
                // Served as the runtime reports; the shared fine-tuned comparison (againstFineTuned)
                // measures it against the mapping the model learned.
                if (retrofit.fineTuned() != Tri.YES) return new FactsOnly();
                return served(configured, runtime, model);
            case "new-base":
                if (retrofit.newBase() != null) return new RopeMapping.NewBase(base, retrofit.newBase());
                if (runtime.reportedBase() != null && role == SubjectRole.CANDIDATE) return new RopeMapping.NewBase(base, runtime.reportedBase());
                return role == SubjectRole.CANDIDATE ? new UnknownBase(base) : new FactsOnly();
            case "angle-precision":
                if (runtime.ropeDtype() == null || runtime.ropeDtype() == Dtype.FP32) return new FactsOnly();
                return new RopeInPrecision(configured, runtime.ropeDtype());
            case "facts":
                return new FactsOnly();
            case "default":
                return new RopeMapping.Default(base);
            case "linear":
                return new RopeMapping.Linear(base, s);
            case "ntk-aware":
                return new RopeMapping.NtkAware(base, s);
            case "yarn":
                return new RopeMapping.Yarn(base, s, model.trainedContext(),
                        parameter("beta_fast", fixParameters, m), parameter("beta_slow", fixParameters, m), null);
            case "alibi":
                return new AlibiSpec(model.heads());
            case "t5-buckets":
                return retrofit.buckets();
            default:
                throw new IllegalStateException("no subject plan for mechanism method " + m.method() + "; the knowledge-base loader admits only known methods");
        }
    }

    /**
     * What the runtime served: the rope_scaling block it reports running when it gives one (a block
     * dropped to {@code default}, another method, another factor), else the configured method with
     * the factor it reports; {@link FactsOnly} when it reports neither.
     */
    static PositionalSpec served(RopeMapping configured, RuntimeSpec runtime, ModelSpec model) {
        if (runtime.servedMapping() != null) return runtime.servedMapping();
        return runtime.reportedFactor() == null ? new FactsOnly() : withFactor(configured, runtime.reportedFactor(), model);
    }

    /**
     * {@code m} with its factor replaced by {@code factor}; plain RoPE for a factor of 1. A factor
     * below 1 is a factor passed as its inverse (llama.cpp's {@code --rope-freq-scale} given the
     * factor): every pair turns 1 / factor times faster, whatever the configured method.
     */
    static RopeMapping withFactor(RopeMapping m, double factor, ModelSpec model) {
        if (factor < 1.0) return new RopeMapping.Linear(m.base(), factor);
        if (factor == 1.0) return new RopeMapping.Default(m.base());
        if (m instanceof RopeMapping.Yarn y) {
            return new RopeMapping.Yarn(y.base(), factor, y.originalContext(), y.betaFast(), y.betaSlow(), y.attentionFactor(),
                    y.mscale(), y.mscaleAllDim(), y.truncate());
        }
        if (m instanceof RopeMapping.Llama3 l) {
            return new RopeMapping.Llama3(l.base(), factor, l.lowFreqFactor(), l.highFreqFactor(), l.originalContext());
        }
        if (m instanceof RopeMapping.NtkAware n) return new RopeMapping.NtkAware(n.base(), factor);
        if (m instanceof RopeMapping.DynamicNtk d) return new RopeMapping.DynamicNtk(d.base(), factor, d.originalContext());
        return new RopeMapping.Linear(m.base(), factor);
    }

    private static double parameter(String name, Map<String, Double> fixParameters, Mechanism m) {
        Double v = fixParameters.get(name);
        if (v == null) v = m.defaults().get(name);
        if (v == null) throw new IllegalStateException("mechanism " + m.id() + " has no value for " + name);
        return v;
    }
}
