package io.posmortem.engine;

import io.posmortem.evidence.CaseEvidence;
import io.posmortem.inference.InferenceException;
import io.posmortem.inference.Reasoner;
import io.posmortem.inference.RulePack;
import io.posmortem.inference.RulePackException;
import io.posmortem.inference.SessionLimits;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.RopeConfigReader;
import io.posmortem.intake.SourceText;
import io.posmortem.intake.SymptomFileReader;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.knowledge.SubjectPlan;
import io.posmortem.model.Deadline;
import io.posmortem.model.Problem;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.SymptomFile;
import io.posmortem.model.knowledge.BuildCase;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.run.BuildRun;
import io.posmortem.run.TriageRun;
import io.posmortem.report.Derivations;
import io.posmortem.report.Explanation;
import io.posmortem.report.Report;
import io.posmortem.report.ReportBuilder;
import io.posmortem.trace.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The triage pipeline for one input: intake (read and validate, defaults recorded as
 * assumptions) -> evidence (per build) -> inference (one rule session per build). Knowledge and
 * rules are loaded once and shared by every input; a {@code Triage} is immutable and safe to use
 * from several threads at once.
 *
 * <p>Failures: input that is not a valid symptom file is an {@link InvalidInputException} with
 * every problem found (never a stack trace for the user); rules that cannot finish (a time,
 * firing or memory limit, an exception in a rule) and evidence past the per-input budget
 * ({@code evidence.timeout}) are an {@link InferenceException}; with {@link #withBudget} a budget
 * reached outside evidence and rules may surface as the unchecked
 * {@link io.posmortem.model.Deadline.Exceeded}. No partial run is returned.
 */
public final class Triage {
    private final KnowledgeBase kb;
    private final RulePack rules;
    private final SymptomFileReader reader;
    private final Reasoner reasoner;
    private final Duration budget;

    public Triage(KnowledgeBase kb, RulePack rules) {
        this(kb, rules, null, SessionLimits.defaults());
    }

    private Triage(KnowledgeBase kb, RulePack rules, Duration budget, SessionLimits limits) {
        this.kb = kb;
        this.rules = rules;
        this.reader = new SymptomFileReader(kb.vocabulary());
        this.reasoner = new Reasoner(rules, kb, limits);
        this.budget = budget;
    }

    /** The same pipeline with each input given {@code perInput} from intake to its last firing (null: no limit). */
    public Triage withBudget(Duration perInput) {
        return new Triage(kb, rules, perInput, reasoner.limits());
    }

    /** The same pipeline with each rule session held to {@code limits} (time, firings, memory). */
    public Triage withSessionLimits(SessionLimits limits) {
        return new Triage(kb, rules, budget, limits);
    }

    /** A fresh deadline for one input. */
    private Deadline deadline() {
        return budget == null ? Deadline.none() : Deadline.after(budget);
    }

    /** Loads the knowledge base from {@code kbDir} and compiles the rules in {@code rulesDir} against it. */
    public static Triage load(Path rulesDir, Path kbDir) throws KnowledgeBaseException, RulePackException {
        KnowledgeBase kb = KnowledgeBaseLoader.load(kbDir);
        return new Triage(kb, RulePack.load(rulesDir, kb));
    }

    public KnowledgeBase knowledge() {
        return kb;
    }

    public RulePack rules() {
        return rules;
    }

    /** The report builder for this pipeline's knowledge base and rules, stamped with posmortem's version. */
    public ReportBuilder reports() {
        return new ReportBuilder(kb, rules.fingerprint(), ProductVersion.VALUE);
    }

    /** The report of a run of this pipeline. */
    public Report report(TriageRun run) {
        return reports().diagnosed(run);
    }

    /** Every conclusion of {@code run} traced back to the rules and the numbers, beside its {@code report}. */
    public Explanation explain(TriageRun run, Report report) {
        return Derivations.of(run, report, kb, ProductVersion.VALUE);
    }

    /** Triages the symptom file at {@code input}. */
    public TriageRun run(Path input) throws InvalidInputException, InferenceException {
        return run(reader.read(input));
    }

    /**
     * Triages {@code input} reading model fields it leaves out from {@code modelConfig} (a
     * config.json, or null) and evaluating {@code whatIf} (a rope_scaling block as JSON, or null)
     * beside every RoPE build that does not name its own.
     */
    public TriageRun run(Path input, Path modelConfig, String whatIf) throws InvalidInputException, InferenceException {
        return run(input, modelConfig, whatIf, false);
    }

    /** As {@link #run(Path, Path, String)}; with {@code configAnywhere} a {@code model.config} may lie outside the input's directory tree. */
    public TriageRun run(Path input, Path modelConfig, String whatIf, boolean configAnywhere) throws InvalidInputException, InferenceException {
        return run(SourceText.read(input), modelConfig, whatIf, configAnywhere);
    }

    /**
     * As {@link #run(Path, Path, String, boolean)} on text already read; its {@code source} is the
     * path a {@code model.config} is resolved against.
     */
    public TriageRun run(SourceText input, Path modelConfig, String whatIf, boolean configAnywhere) throws InvalidInputException, InferenceException {
        SymptomFile file = (configAnywhere ? reader.withConfigAnywhere() : reader).read(input, modelConfig);
        if (whatIf != null && file.model().encoding() == io.posmortem.model.Encoding.ROPE) {
            List<BuildSpec> builds = new ArrayList<>();
            for (BuildSpec b : file.builds()) {
                if (b.whatIf() != null) {
                    builds.add(b);
                    continue;
                }
                RopeConfigReader.Alternative alt = RopeConfigReader.alternative(whatIf, file.model().ropeBase(),
                        file.model().trainedContext(), b.retrofit().targetContext(), file.model().rotaryDims());
                builds.add(b.withWhatIf(alt.mapping(), alt.block()));
            }
            file = new SymptomFile(file.source(), file.sha256(), file.title(), file.model(), List.copyOf(builds), file.assumptions(),
                    file.modelConfig());
        }
        return run(file);
    }

    /** Triages text already read (a stream, a request body). */
    public TriageRun run(SourceText input) throws InvalidInputException, InferenceException {
        return run(reader.read(input));
    }

    /** Triages text from the network: inputs that name other files ({@code model.config}) are refused. */
    public TriageRun runUntrusted(SourceText input) throws InvalidInputException, InferenceException {
        return run(reader.withoutFileAccess().read(input));
    }

    private TriageRun run(SymptomFile file) throws InferenceException {
        Deadline deadline = deadline();
        List<BuildRun> builds = new ArrayList<>();
        for (BuildSpec build : file.builds()) {
            BuildCase buildCase = SubjectPlan.buildCase(build, file.model(), kb);
            List<Subject> subjects = SubjectPlan.subjects(build, file.model(), kb);
            BuildEvidence evidence;
            try {
                evidence = CaseEvidence.compute(file.model(), file.modelConfig(), build, buildCase, subjects, kb.evidenceSettings(),
                        kb.statisticsSettings(), deadline);
            } catch (Deadline.Exceeded e) {
                throw new InferenceException(new Problem("evidence.timeout", file.source(), build.pointer(), 0, 0,
                        "build '" + build.id() + "': " + e.getMessage(), "evidence within the per-input time budget of "
                        + e.budget().toMillis() + " ms", "lower the build's target_context or the model's head_dim, or allow more time"), e);
            }
            Trace trace = reasoner.reason(evidence, deadline);
            builds.add(new BuildRun(build, evidence, trace));
        }
        return new TriageRun(file, List.copyOf(builds));
    }
}
