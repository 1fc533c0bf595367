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
import io.posmortem.model.BoundedMemo;
import io.posmortem.model.Deadline;
import io.posmortem.model.Problem;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.ModelConfig;
import io.posmortem.model.input.ModelSpec;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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
    private final String pack;
    private final BoundedMemo<BuildInputs, BuildRun> worked;

    /**
     * Builds whose evidence and reasoning are remembered. A batch of one model configuration hits
     * the same few entries; a batch of distinct ones pays a lookup each. Each entry holds one
     * build's evidence and trace (a few hundred kilobytes for a 128-dim RoPE build).
     */
    static final int MEMO_BUILDS = 16;

    /**
     * Everything a build's evidence and reasoning are computed from, besides this pipeline's
     * knowledge base and rules: the validated model, the model's config.json as read, and the build
     * as read (retrofit, runtime, observations, what-if, id, title and JSON pointers). The key is
     * the value itself: these are records, enums, strings, numbers and immutable lists and maps of
     * them all the way down (a test walks the types), so record equality compares every
     * component exactly (doubles bit for bit) and two keys are equal exactly when the inputs are.
     * The file's path, title and assumptions are not part of it: nothing in a build's evidence or
     * trace comes from them.
     */
    record BuildInputs(ModelSpec model, ModelConfig modelConfig, BuildSpec build) {}

    public Triage(KnowledgeBase kb, RulePack rules) {
        this(kb, rules, null, SessionLimits.defaults(), null, true);
    }

    private Triage(KnowledgeBase kb, RulePack rules, Duration budget, SessionLimits limits, String pack, boolean memo) {
        this.worked = memo ? new BoundedMemo<>(MEMO_BUILDS) : null;
        this.kb = kb;
        this.rules = rules;
        this.pack = pack;
        this.reader = new SymptomFileReader(kb.vocabulary());
        this.reasoner = new Reasoner(rules, kb, limits);
        this.budget = budget;
    }

    /** The same pipeline with each input given {@code perInput} from intake to its last firing (null: no limit). */
    public Triage withBudget(Duration perInput) {
        return new Triage(kb, rules, perInput, reasoner.limits(), pack, worked != null);
    }

    /** The same pipeline with each rule session held to {@code limits} (time, firings, memory). */
    public Triage withSessionLimits(SessionLimits limits) {
        return new Triage(kb, rules, budget, limits, pack, worked != null);
    }

    /** The same pipeline computing every build afresh (no memo), as a reference for the memo. */
    public Triage withoutMemo() {
        return new Triage(kb, rules, budget, reasoner.limits(), pack, false);
    }

    /** A fresh deadline for one input. */
    private Deadline deadline() {
        return budget == null ? Deadline.none() : Deadline.after(budget);
    }

    /**
     * Loads the knowledge base from {@code kbDir} and compiles the rules in {@code rulesDir} against it.
     * The two are read at the same time (the knowledge base on a thread of its own): neither needs the
     * other until the rules' metadata is checked, and a cold start spends most of its time in them. The
     * knowledge base's thread, usually done first (a snapshot), then prepares intake's schemas and
     * parsers, which the first input needs once the rules are read. A broken knowledge base is
     * reported before broken rules, as when they were read one after the other.
     */
    public static Triage load(Path rulesDir, Path kbDir) throws KnowledgeBaseException, RulePackException {
        FutureTask<KnowledgeBase> knowledge = new FutureTask<>(() -> {
            KnowledgeBase loaded = KnowledgeBaseLoader.load(kbDir);
            try {
                SymptomFileReader.prepare();
            } catch (RuntimeException | LinkageError e) {
                // Only a head start: the first read meets the same failure and reports it.
            }
            return loaded;
        });
        Thread loader = new Thread(knowledge, "posmortem-kb-load");
        loader.setDaemon(true);
        loader.start();
        RulePack.Compiled compiled;
        try {
            compiled = RulePack.compile(rulesDir);
        } catch (RulePackException | RuntimeException | Error e) {
            awaitKnowledge(knowledge);
            throw e;
        }
        KnowledgeBase kb = awaitKnowledge(knowledge);
        return new Triage(kb, compiled.against(kb), null, SessionLimits.defaults(), PackLocation.bundledParts(rulesDir, kbDir), true);
    }

    /** The knowledge base a loader thread read, or what stopped it, rethrown on this thread. */
    private static KnowledgeBase awaitKnowledge(FutureTask<KnowledgeBase> knowledge) throws KnowledgeBaseException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return knowledge.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof KnowledgeBaseException k) throw k;
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Which of the rules and knowledge base are the ones built into posmortem ({@link Report#pack()}), or null. */
    public String pack() {
        return pack;
    }

    public KnowledgeBase knowledge() {
        return kb;
    }

    public RulePack rules() {
        return rules;
    }

    /** The report builder for this pipeline's knowledge base and rules, stamped with posmortem's version. */
    public ReportBuilder reports() {
        return new ReportBuilder(kb, rules.fingerprint(), pack, ProductVersion.VALUE);
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

    /**
     * As {@link #runUntrusted(SourceText)}, with the model's config.json given as text
     * ({@code modelConfig}, or null): read from the text, never from a path, whatever it says.
     */
    public TriageRun runUntrusted(SourceText input, SourceText modelConfig) throws InvalidInputException, InferenceException {
        return run(reader.withoutFileAccess().read(input, modelConfig));
    }

    private TriageRun run(SymptomFile file) throws InferenceException {
        Deadline deadline = deadline();
        List<BuildRun> builds = new ArrayList<>();
        for (BuildSpec build : file.builds()) {
            builds.add(worked == null ? work(file, build, deadline)
                    : worked.get(new BuildInputs(file.model(), file.modelConfig(), build), () -> work(file, build, deadline)));
        }
        return new TriageRun(file, List.copyOf(builds));
    }

    /** Lookups of a build's evidence and reasoning answered from the memo, and those that computed them. */
    public long[] memoHitsAndMisses() {
        return worked == null ? new long[2] : new long[] {worked.hits(), worked.misses()};
    }

    /** One build's evidence and reasoning, computed. */
    private BuildRun work(SymptomFile file, BuildSpec build, Deadline deadline) throws InferenceException {
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
        return new BuildRun(build, evidence, trace);
    }
}
