package io.posmortem.knowledge;

import io.posmortem.model.AlibiSpec;
import io.posmortem.model.BuildCase;
import io.posmortem.model.BuildSpec;
import io.posmortem.model.FixOption;
import io.posmortem.model.RootCause;
import io.posmortem.model.Mechanism;
import io.posmortem.model.ModelSpec;
import io.posmortem.model.PositionalSpec;
import io.posmortem.model.Retrofit;
import io.posmortem.model.RetrofitKind;
import io.posmortem.model.RopeMapping;
import io.posmortem.model.Subject;
import io.posmortem.model.SubjectRole;
import io.posmortem.model.WireName;
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
        return new BuildCase(build.id(), kind.id(), kind.family(), model.trainedContext(),
                build.retrofit().targetContext(), kind.statedReading(), kind.loose());
    }

    public static List<Subject> subjects(BuildSpec build, ModelSpec model, KnowledgeBase kb) {
        RetrofitKind kind = kb.retrofitKinds().get(build.retrofit().kind());
        List<Subject> subjects = new ArrayList<>();
        Set<String> fixIds = new LinkedHashSet<>();
        for (String hypothesisId : kind.candidates()) {
            RootCause h = kb.hypotheses().get(hypothesisId);
            Mechanism m = kb.mechanisms().get(h.mechanism());
            PositionalSpec spec = spec(m, Map.of(), build.retrofit(), model, SubjectRole.CANDIDATE);
            subjects.add(new Subject(Subject.candidateId(build.id(), h.id()), build.id(), SubjectRole.CANDIDATE,
                    h.id(), null, m.id(), spec));
            fixIds.addAll(h.fixes());
        }
        for (String fixId : fixIds) {
            FixOption fix = kb.fixes().get(fixId);
            if (fix.requires() != null && !fix.requires().equals(WireName.of(model.encoding()))) continue;
            Mechanism m = kb.mechanisms().get(fix.mechanism());
            PositionalSpec spec = spec(m, fix.parameters(), build.retrofit(), model, SubjectRole.FIX);
            subjects.add(new Subject(Subject.fixId(build.id(), fix.id()), build.id(), SubjectRole.FIX,
                    null, fix.id(), m.id(), spec));
        }
        return List.copyOf(subjects);
    }

    /**
     * The configuration a mechanism implies for this build. A candidate NTK-aware base change uses
     * the build's explicit new base when it gives one; a fix always uses the formula.
     */
    static PositionalSpec spec(Mechanism m, Map<String, Double> fixParameters, Retrofit retrofit, ModelSpec model,
                               SubjectRole role) {
        double s = retrofit.factor();
        double base = model.ropeBase();
        switch (m.method()) {
            case "default":
                return new RopeMapping.Default(base);
            case "linear":
                return new RopeMapping.Linear(base, s);
            case "ntk-aware":
                if (role == SubjectRole.CANDIDATE && retrofit.newBase() != null) {
                    return new RopeMapping.NewBase(base, retrofit.newBase());
                }
                return new RopeMapping.NtkAware(base, s);
            case "yarn":
                return new RopeMapping.Yarn(base, s, model.trainedContext(),
                        parameter("beta_fast", fixParameters, m), parameter("beta_slow", fixParameters, m), null);
            case "alibi":
                return new AlibiSpec(model.heads());
            case "t5-buckets":
                return retrofit.buckets();
            default:
                throw new IllegalStateException("mechanism method not implemented: " + m.method());
        }
    }

    private static double parameter(String name, Map<String, Double> fixParameters, Mechanism m) {
        Double v = fixParameters.get(name);
        if (v == null) v = m.defaults().get(name);
        if (v == null) throw new IllegalStateException("mechanism " + m.id() + " has no value for " + name);
        return v;
    }
}
