package io.posmortem.intake;

import io.posmortem.intake.SymptomInput.BiasInput;
import io.posmortem.intake.SymptomInput.BuildInput;
import io.posmortem.intake.SymptomInput.CountsInput;
import io.posmortem.intake.SymptomInput.ModelInput;
import io.posmortem.intake.SymptomInput.ObservationInput;
import io.posmortem.intake.SymptomInput.RetrofitInput;
import io.posmortem.intake.SymptomInput.RuntimeInput;
import io.posmortem.model.Dtype;
import io.posmortem.model.Encoding;
import io.posmortem.model.Outcome;
import io.posmortem.model.Problem;
import io.posmortem.model.Spelling;
import io.posmortem.model.Trend;
import io.posmortem.model.Tri;
import io.posmortem.model.WireName;
import io.posmortem.model.evidence.EvidenceCost;
import io.posmortem.model.input.Assumption;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.Counts;
import io.posmortem.model.input.Metric;
import io.posmortem.model.input.ModelConfig;
import io.posmortem.model.input.ModelSpec;
import io.posmortem.model.input.Observation;
import io.posmortem.model.input.Retrofit;
import io.posmortem.model.input.RuntimeSpec;
import io.posmortem.model.input.SymptomFile;
import io.posmortem.model.knowledge.ModelDefault;
import io.posmortem.model.knowledge.Vocabulary;
import io.posmortem.model.positional.BucketSpec;
import io.posmortem.model.positional.RopeMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a symptom file: bytes -> located tree -> JSON Schema -> bound to {@link SymptomInput} ->
 * resolved: vocabulary and consistency checks, and a {@link SymptomFile} with every default applied
 * and recorded as an {@link Assumption}.
 * All problems found are reported together.
 */
public final class SymptomFileReader {

    /** Largest length in tokens (the schema's {@code $defs/tokens} maximum). */
    static final int MAX_TOKENS = 100_000_000;

    /**
     * Largest per-head dimension (the schema's {@code head_dim} maximum): 16 times the largest in
     * published models (256), yet every rotary pair is a fact the rules and the report go through,
     * so 65,536 (32,768 pairs) took 10 s and an 18 MB report.
     */
    static final int MAX_HEAD_DIM = 4096;

    private final Vocabulary vocabulary;

    private boolean filesAllowed = true;
    private boolean configAnywhere = false;

    /** A reader that reads a {@code model.config} wherever it lies, not only in the symptom file's directory tree. */
    public SymptomFileReader withConfigAnywhere() {
        SymptomFileReader r = new SymptomFileReader(vocabulary);
        r.filesAllowed = filesAllowed;
        r.configAnywhere = true;
        return r;
    }

    /** A reader that refuses inputs naming other files ({@code model.config}), for inputs from the network. */
    public SymptomFileReader withoutFileAccess() {
        SymptomFileReader r = new SymptomFileReader(vocabulary);
        r.filesAllowed = false;
        return r;
    }

    public SymptomFileReader(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public SymptomFile read(Path path) throws InvalidInputException {
        return read(SourceText.read(path));
    }

    public SymptomFile read(SourceText text) throws InvalidInputException {
        return read(text, null);
    }

    /**
     * Reads a symptom file. {@code modelConfig} is a config.json to use when the file's model does
     * not name one ({@code triage --model-config}); a {@code model.config} path is read relative to
     * the symptom file, and only inside its directory tree unless {@link #withConfigAnywhere()}.
     */
    public SymptomFile read(SourceText text, Path modelConfig) throws InvalidInputException {
        LocatedDocument doc = LocatedDocument.parse(text, LocatedDocument.syntaxOf(text.source(), text.text()));
        List<Problem> schemaProblems = SymptomSchema.v1().validate(doc);
        if (!schemaProblems.isEmpty()) throw new InvalidInputException(schemaProblems);
        SymptomInput input = SymptomInput.of(doc);
        ModelConfig config = null;
        String named = input.model().config();
        if (named != null && !filesAllowed) {
            throw new InvalidInputException(List.of(doc.problem("input.model-config", "/model/config",
                    "this service does not read files named in the input", "the model's fields inline", "remove model.config")));
        }
        if (named != null) {
            try {
                config = ModelConfigReader.readWithin(Path.of(text.source()).getParent(), named, configAnywhere);
            } catch (InvalidInputException e) {
                List<Problem> all = new ArrayList<>();
                all.add(doc.problem("input.model-config", "/model/config", "the model's config.json cannot be used; its problems follow",
                        "a readable Hugging Face config.json", null));
                all.addAll(e.problems());
                throw new InvalidInputException(all);
            }
        } else if (modelConfig != null) {
            config = ModelConfigReader.read(modelConfig);
        }
        return new Resolution(doc, input, text.sha256(), vocabulary, config).resolve();
    }

    /** One pass over a schema-valid, bound document: checks what the schema cannot, fills defaults. */
    private static final class Resolution {
        private final LocatedDocument doc;
        private final SymptomInput input;
        private final String sha256;
        private final Vocabulary vocabulary;
        private final List<Problem> problems = new ArrayList<>();
        private final List<Assumption> assumptions = new ArrayList<>();
        private final ModelConfig config;

        Resolution(LocatedDocument doc, SymptomInput input, String sha256, Vocabulary vocabulary, ModelConfig config) {
            this.doc = doc;
            this.input = input;
            this.sha256 = sha256;
            this.vocabulary = vocabulary;
            this.config = config;
        }

        SymptomFile resolve() throws InvalidInputException {
            ModelSpec model = model(input.model());
            List<BuildSpec> builds = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < input.builds().size(); i++) {
                String pointer = "/builds/" + i;
                BuildInput b = input.builds().get(i);
                String id = b.id();
                if (!ids.add(id)) {
                    problems.add(doc.problem("value.duplicate-id", pointer + "/id", "build id '" + id + "' is used twice",
                            "a unique id per build", null));
                }
                builds.add(build(b, pointer, id, model));
            }
            if (!problems.isEmpty()) throw new InvalidInputException(problems);
            return new SymptomFile(doc.source(), sha256, input.title(), model, List.copyOf(builds), List.copyOf(assumptions), config);
        }

        /** A value from the config.json when the file does not give it, recorded as an assumption. */
        private <T> T fromConfig(String field, T value, String key) {
            if (value != null) assume(field.startsWith("/") ? field : "/model/" + field, value, config.source() + ": " + key);
            return value;
        }

        private ModelSpec model(ModelInput m) {
            ModelConfig c = config;
            Encoding encoding = m.positionalEncoding() != null ? WireName.parse(Encoding.class, m.positionalEncoding())
                    : c != null ? fromConfig("positional_encoding", c.encoding(), "model fields") : null;
            if (encoding == null) {
                problems.add(doc.problem("schema.required", "/model", "the model needs positional_encoding, or a config.json to read it from",
                        "positional_encoding: rope | alibi | t5-bias | learned | none", "add positional_encoding, or model.config"));
                encoding = Encoding.ROPE;
            }
            String name = m.name() == null ? String.valueOf(modelDefault("/name", "/model")) : m.name();
            Integer headDim = m.headDim() != null ? m.headDim()
                    : c != null ? fromConfig("head_dim", c.headDim(), "head_dim or hidden_size / heads") : null;
            if (headDim == null) headDim = ((Number) modelDefault("/head_dim", "/model")).intValue();
            Integer heads = m.heads() != null ? m.heads()
                    : c != null ? fromConfig("heads", c.heads(), "num_attention_heads") : null;
            if (heads == null) heads = ((Number) modelDefault("/heads", "/model")).intValue();
            Integer trained = m.trainedContext() != null ? m.trainedContext()
                    : c != null ? fromConfig("trained_context", c.trainedContext(), "original_max_position_embeddings or max_position_embeddings") : null;
            if (trained == null) {
                problems.add(doc.problem("schema.required", "/model", "the model needs trained_context (its config.json does not say)",
                        "trained_context: tokens", "add trained_context"));
                trained = 1;
            }
            double base = 0;
            double fraction = 1;
            if (encoding == Encoding.ROPE) {
                Double cb = m.ropeBase() != null || c == null ? null : fromConfig("rope_base", c.ropeBase(), "rope_theta");
                base = m.ropeBase() != null ? m.ropeBase()
                        : cb != null ? cb : ((Number) modelDefault("/rope_base", "/model")).doubleValue();
                Double cf = m.rotaryFraction() != null || c == null || c.rotaryFraction() == null || c.rotaryFraction() == 1.0 ? null
                        : fromConfig("rotary_fraction", c.rotaryFraction(), "partial_rotary_factor");
                fraction = m.rotaryFraction() != null ? m.rotaryFraction()
                        : cf != null ? cf : ((Number) modelDefault("/rotary_fraction", "/model")).doubleValue();
            }
            Integer window = m.slidingWindow() != null ? m.slidingWindow()
                    : c != null && c.slidingWindow() != null ? fromConfig("sliding_window", c.slidingWindow(), "sliding_window") : null;
            headDim = limit(m.headDim() != null, "head_dim", headDim, 2, MAX_HEAD_DIM);
            heads = limit(m.heads() != null, "heads", heads, 1, 65_536);
            trained = limit(m.trainedContext() != null, "trained_context", trained, 2, MAX_TOKENS);
            if (window != null) window = limit(m.slidingWindow() != null, "sliding_window", window, 1, MAX_TOKENS);
            if (encoding == Encoding.ROPE && !(base > 1 && Double.isFinite(base))) {
                problems.add(doc.problem("value.range", m.ropeBase() != null ? "/model/rope_base" : "/model/config",
                        "rope_base " + fmt(base) + " gives no rotation frequencies", "a RoPE base above 1", null));
                base = 10_000;
            }
            ModelSpec spec = new ModelSpec(name, encoding, headDim, heads, trained, base, fraction, window);
            if (encoding == Encoding.ROPE && (spec.rotaryDims() < 4 || spec.rotaryDims() % 2 != 0)) {
                problems.add(doc.problem("value.rotary-dims", m.rotaryFraction() != null ? "/model/rotary_fraction" : "/model/head_dim",
                        "head_dim x rotary_fraction = " + headDim + " x " + fraction + " rotates " + spec.rotaryDims()
                                + " dimensions", "an even number of rotated dimensions, at least 4 (NTK-aware scaling raises the base to "
                                + "the power d / (d - 2))", null));
            }
            return spec;
        }

        private BuildSpec build(BuildInput b, String pointer, String id, ModelSpec model) {
            RetrofitInput r = b.retrofit();
            String rp = pointer + "/retrofit";
            String kind = r.kind();
            String family = vocabulary.retrofitFamilies().get(kind);
            if (family == null) {
                problems.add(doc.problem("vocabulary.retrofit-kind", rp + "/kind", "unknown retrofit kind '" + kind + "'",
                        "one of " + String.join(", ", vocabulary.retrofitFamilies().keySet()),
                        Spelling.closest(kind, vocabulary.retrofitFamilies().keySet())
                                .map(s -> "did you mean '" + s + "'?").orElse("see knowledge-base/retrofit-kinds.yaml")));
            } else if (family.equals("rope") && model.encoding() != Encoding.ROPE) {
                problems.add(doc.problem("value.inconsistent", rp + "/kind", "retrofit kind '" + kind
                                + "' changes RoPE, but model.positional_encoding is " + WireName.of(model.encoding()),
                        "a RoPE model for a rope-* retrofit", "check model.positional_encoding"));
            }
            RuntimeSpec runtime = runtime(b.runtime());
            int trained = model.trainedContext();
            Double factor = r.factor();
            Integer target = r.targetContext();
            if (target == null) {
                if (runtime.contextWindow() != null) {
                    target = runtime.contextWindow();
                    assume(rp + "/target_context", target, "the runtime's context_window");
                } else if (factor != null) {
                    long product = Math.round(factor * trained);
                    if (product > MAX_TOKENS) {
                        problems.add(doc.problem("value.range", rp + "/factor", "factor x trained_context = " + fmt(factor) + " x " + trained
                                + " is " + product + " tokens", "a target context of at most " + MAX_TOKENS + " tokens",
                                "give target_context, or a smaller factor"));
                        product = trained;
                    }
                    target = (int) product;
                    assume(rp + "/target_context", target, "factor x trained_context = " + fmt(factor) + " x " + trained);
                } else if (config != null && config.maxPositions() != null) {
                    target = config.maxPositions();
                    assume(rp + "/target_context", target, config.source() + ": max_position_embeddings");
                } else {
                    problems.add(doc.problem("value.missing-length", rp, "the build's target context length is unknown",
                            "retrofit.target_context, retrofit.factor or runtime.context_window", "add target_context"));
                    target = trained;
                }
            }
            if (target < trained) {
                problems.add(doc.problem("value.range", rp + (r.targetContext() != null ? "/target_context" : ""),
                        "target context " + target + " is shorter than the trained context " + trained,
                        "a target context >= trained_context", null));
            } else if (target > MAX_TOKENS) {
                problems.add(doc.problem("value.range", rp, "target context " + target + " is beyond what posmortem models",
                        "at most " + MAX_TOKENS + " tokens", null));
                target = trained;
            }
            if (model.encoding() == Encoding.ROPE && runtime.ropeDtype() != null && runtime.ropeDtype() != Dtype.FP32) {
                long pairs = model.rotaryDims() / 2;
                long evaluations = EvidenceCost.angleEvaluations(pairs, target);
                if (evaluations > EvidenceCost.ANGLE_EVALUATIONS) {
                    problems.add(doc.problem("value.too-costly", pointer + "/runtime/rope_dtype", "checking " + runtime.ropeDtype().wireName()
                                    + " angles of " + pairs + " rotary pairs at " + EvidenceCost.angleSamples(target) + " positions up to "
                                    + target + " tokens is " + evaluations + " angle evaluations",
                            "at most " + EvidenceCost.ANGLE_EVALUATIONS + " (rotary pairs x positions: every token up to "
                                    + EvidenceCost.ANGLE_EVERY_TOKEN_UP_TO + ", then every " + EvidenceCost.ANGLE_STEP + "th)",
                            "lower target_context or head_dim x rotary_fraction, or leave rope_dtype out"));
                }
            }
            boolean ropeScalingGiven = r.ropeScaling() != null && r.ropeScaling().isObject();
            Map<String, Object> ropeScaling = ropeScalingGiven ? plain(r.ropeScaling()) : new LinkedHashMap<>();
            RopeMapping configured = ropeScalingGiven && model.encoding() == Encoding.ROPE
                    ? RopeConfigReader.embedded(doc, r.ropeScaling(), rp + "/rope_scaling", model.ropeBase(), trained, target, problems)
                    : null;
            if (configured == null && !ropeScalingGiven && config != null && config.configured() != null) {
                configured = config.configured();
                ropeScaling = config.ropeScaling();
                assume(rp + "/rope_scaling", config.blockKey() + " of " + config.source(), "the model's config.json");
            }
            if (configured != null && ropeScalingGiven) {
                RopeConfigReader.checkPairs(doc, rp + "/rope_scaling", configured, model.rotaryDims(), problems);
            }
            if (factor == null && configured != null && configured.scalingFactor() != null) {
                factor = configured.scalingFactor();
                assume(rp + "/factor", factor, "the configured " + configured.method() + " factor");
            }
            if (factor == null) {
                factor = (double) target / trained;
                assume(rp + "/factor", factor, "target_context / trained_context = " + target + " / " + trained);
            }
            BucketSpec buckets = !"relative-bias".equals(family) ? null
                    : r.relativeBias() == null && config != null && config.buckets() != null
                    ? fromConfig("relative_bias", config.buckets(), "relative_attention_num_buckets, relative_attention_max_distance")
                    : buckets(r.relativeBias() == null ? new BiasInput(null, null, null) : r.relativeBias(), rp + "/relative_bias");
            int fineTunedContext = r.fineTunedContext() != null ? r.fineTunedContext() : target;
            Retrofit retrofit = new Retrofit(kind, factor, r.newBase(), target, ropeScaling, configured, buckets,
                    tri(r.fineTuned()), fineTunedContext, r.description());
            List<Observation> observations = observations(b.observations(), pointer + "/observations", id, target);
            RopeMapping whatIf = null;
            Map<String, Object> whatIfBlock = null;
            if (b.whatIf() != null && b.whatIf().isObject()) {
                if (model.encoding() != Encoding.ROPE) {
                    problems.add(doc.problem("value.inconsistent", pointer + "/what_if", "a what-if rope_scaling needs a RoPE model",
                            "a RoPE model", "remove what_if"));
                } else {
                    whatIf = RopeConfigReader.embedded(doc, b.whatIf(), pointer + "/what_if", model.ropeBase(), trained, target, problems);
                    if (whatIf != null) RopeConfigReader.checkPairs(doc, pointer + "/what_if", whatIf, model.rotaryDims(), problems);
                    whatIfBlock = plain(b.whatIf());
                }
            }
            return new BuildSpec(id, b.title(), retrofit, runtime, observations, pointer, whatIf, whatIfBlock);
        }

        private BucketSpec buckets(BiasInput block, String pointer) {
            int numBuckets = block.numBuckets() != null ? block.numBuckets()
                    : ((Number) biasDefault("/num_buckets", pointer)).intValue();
            int maxDistance = block.maxDistance() != null ? block.maxDistance()
                    : ((Number) biasDefault("/max_distance", pointer)).intValue();
            boolean bidirectional = block.bidirectional() != null ? block.bidirectional()
                    : (Boolean) biasDefault("/bidirectional", pointer);
            int perDirection = bidirectional ? numBuckets / 2 : numBuckets;
            if (perDirection / 2 >= maxDistance || perDirection < 2) {
                problems.add(doc.problem("value.inconsistent", pointer, "num_buckets " + numBuckets + " and max_distance "
                        + maxDistance + " leave no logarithmic buckets", "max_distance above half the buckets per direction", null));
            }
            return new BucketSpec(numBuckets, maxDistance, bidirectional);
        }

        private RuntimeSpec runtime(RuntimeInput r) {
            if (r == null) return RuntimeSpec.UNSPECIFIED;
            return new RuntimeSpec(r.engine(), r.version(), r.reportedBase(), r.reportedFactor(), r.contextWindow(),
                    Dtype.of(r.kvCacheDtype()), Dtype.of(r.ropeDtype()), r.attentionFactor(), tri(r.slidingWindow()), tri(r.prefixCaching()));
        }

        private List<Observation> observations(List<ObservationInput> list, String pointer, String build, int target) {
            List<Observation> out = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int j = 0; j < list.size(); j++) {
                ObservationInput o = list.get(j);
                String op = pointer + "/" + j;
                String id = o.id() != null ? o.id() : "o" + (j + 1);
                if (!ids.add(id)) {
                    problems.add(doc.problem("value.duplicate-id", op + "/id", "observation id '" + id + "' is used twice in this build",
                            "a unique id per observation", null));
                }
                String capability = o.capability();
                if (!vocabulary.capabilities().contains(capability)) {
                    problems.add(doc.problem("vocabulary.capability", op + "/capability", "unknown capability '" + capability + "'",
                            "one of " + String.join(", ", vocabulary.capabilities()),
                            Spelling.closest(capability, vocabulary.capabilities())
                                    .map(s -> "did you mean '" + s + "'?").orElse("see knowledge-base/capabilities.yaml")));
                }
                int from;
                int to;
                if (o.context() != null) {
                    from = o.context().from();
                    to = o.context().to();
                    if (from > to) {
                        problems.add(doc.problem("value.range", op + "/context/to", "context band ends (" + to + ") before it starts (" + from + ")",
                                "to >= from", null));
                    }
                } else {
                    from = 1;
                    to = target;
                    assume(op + "/context", "1-" + target, "not given: the whole target window");
                }
                Counts counts = counts(o.counts(), op + "/counts");
                Metric metric = o.metric() != null ? new Metric(o.metric().name(), o.metric().value(), o.metric().baseline()) : null;
                if (counts != null && counts.baselineTrials() != null && metric != null) {
                    problems.add(doc.problem("value.inconsistent", op + "/metric", "an observation can be decided by counts or by a metric, not both",
                            "counts with a baseline, or a metric", "split it into two observations"));
                }
                Outcome outcome = o.outcome() != null ? WireName.parse(Outcome.class, o.outcome()) : null;
                if (outcome == null && metric == null && (counts == null || counts.baselineTrials() == null)) {
                    problems.add(doc.problem("schema.required", op, "an observation needs an outcome, or counts with a baseline or a metric to decide it",
                            "outcome: degraded | preserved | improved, counts.baseline, or metric",
                            "add 'outcome', counts with a baseline, or a metric with its baseline value"));
                    outcome = Outcome.INCONCLUSIVE;
                }
                Trend trend = o.worsensWithLength() == null ? Trend.UNKNOWN : o.worsensWithLength() ? Trend.WORSENS : Trend.STABLE;
                out.add(new Observation(build, id, o.workload(), capability, from, to, outcome,
                        o.onset() != null ? o.onset() : 0, trend, tri(o.shortPromptsChanged()),
                        tri(o.historyDependent()), counts, metric, o.context() != null, o.note(), op, 1.0));
            }
            return List.copyOf(out);
        }

        private Counts counts(CountsInput c, String pointer) {
            if (c == null) return null;
            // The schema bounds every count by 1,000,000,000, so they and their sums fit an int.
            int successes = c.successes();
            int trials = c.trials();
            if (successes > trials) {
                problems.add(doc.problem("value.range", pointer + "/successes", successes + " successes out of " + trials + " trials",
                        "successes <= trials", null));
            }
            Integer bs = null;
            Integer bt = null;
            if (c.baseline() != null) {
                bs = c.baseline().successes();
                bt = c.baseline().trials();
                if (bs > bt) {
                    problems.add(doc.problem("value.range", pointer + "/baseline/successes", bs + " successes out of " + bt + " trials",
                            "successes <= trials", null));
                }
            }
            return new Counts(successes, trials, bs, bt);
        }

        private Object modelDefault(String field, String parent) {
            return applyDefault(vocabulary.modelDefaults(), field, parent);
        }

        private Object biasDefault(String field, String parent) {
            return applyDefault(vocabulary.biasDefaults(), field, parent);
        }

        private Object applyDefault(List<ModelDefault> defaults, String field, String parent) {
            for (ModelDefault d : defaults) {
                if (d.pointer().equals(field)) {
                    assume(parent + field, d.value(), "default: " + d.basis());
                    return d.value();
                }
            }
            throw new IllegalStateException("knowledge base has no default for " + field);
        }

        private void assume(String pointer, Object value, String basis) {
            String text = value instanceof Double d ? fmt(d) : String.valueOf(value);
            assumptions.add(new Assumption(pointer, text, basis));
        }

        /**
         * {@code value} when it lies in {@code [min, max]}; otherwise a {@code value.range} problem at
         * the model field (or at /model/config when the value came from the config.json) and the
         * nearest admissible value, so the other checks can go on.
         */
        private int limit(boolean given, String field, int value, int min, int max) {
            if (value >= min && value <= max) return value;
            problems.add(doc.problem("value.range", given ? "/model/" + field : "/model/config",
                    field + " " + value + " is outside the range posmortem can model", "between " + min + " and " + max, null));
            return value < min ? min : max;
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
        }

        private static Tri tri(Boolean value) {
            return value == null ? Tri.UNKNOWN : Tri.of(value);
        }

        private static Map<String, Object> plain(JsonNode node) {
            return JsonValues.object(node);
        }
    }
}
