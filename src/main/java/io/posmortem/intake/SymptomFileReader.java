package io.posmortem.intake;

import io.posmortem.intake.SymptomInput.BiasInput;
import io.posmortem.intake.SymptomInput.BuildInput;
import io.posmortem.intake.SymptomInput.CountsInput;
import io.posmortem.intake.SymptomInput.ModelInput;
import io.posmortem.intake.SymptomInput.LayersInput;
import io.posmortem.intake.SymptomInput.ObservationInput;
import io.posmortem.intake.SymptomInput.RemapInput;
import io.posmortem.intake.SymptomInput.RetrofitInput;
import io.posmortem.intake.SymptomInput.RuntimeInput;
import io.posmortem.model.Dtype;
import io.posmortem.model.Encoding;
import io.posmortem.model.Outcome;
import io.posmortem.model.Problem;
import io.posmortem.model.RotaryLayout;
import io.posmortem.model.Trend;
import io.posmortem.model.Tri;
import io.posmortem.model.WireName;
import io.posmortem.model.evidence.EvidenceCost;
import io.posmortem.model.input.Assumption;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.Counts;
import io.posmortem.model.input.LayerScheme;
import io.posmortem.model.input.Metric;
import io.posmortem.model.input.ModelConfig;
import io.posmortem.model.input.ModelSpec;
import io.posmortem.model.input.Observation;
import io.posmortem.model.input.ObservationSource;
import io.posmortem.model.input.PositionHandling;
import io.posmortem.model.input.Retrofit;
import io.posmortem.model.input.RuntimeSpec;
import io.posmortem.model.input.SymptomFile;
import io.posmortem.model.knowledge.ModelDefault;
import io.posmortem.model.knowledge.ModelFamily;
import io.posmortem.model.knowledge.Vocabulary;
import io.posmortem.model.positional.BucketSpec;
import io.posmortem.model.positional.RopeMapping;
import java.lang.invoke.MethodHandles;
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

    /** The retrofit kind of a model served as published; resolved to {@code as-shipped-<encoding>}. */
    static final String AS_SHIPPED = "as-shipped";

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

    /**
     * Initializes what the first read would otherwise set up: the symptom-file schemas (with the
     * common-mistakes table), the fields' questions and the JSON and YAML parsers (about 0.1-0.2 s
     * in a fresh JVM). A caller waiting for something else, such as the rules, can do it meanwhile;
     * reads are the same either way. A class that fails to initialize fails here and again, the
     * same way, at the first read.
     */
    public static void prepare() {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (Class<?> c : List.of(SymptomSchema.class, SchemaQuestions.class, LocatedDocument.class, SymptomInput.class)) {
                lookup.ensureInitialized(c);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public SymptomFile read(Path path) throws InvalidInputException {
        return read(SourceText.read(path));
    }

    public SymptomFile read(SourceText text) throws InvalidInputException {
        return read(text, (Path) null);
    }

    /**
     * Reads a symptom file. {@code modelConfig} is a config.json to use when the file's model does
     * not name one ({@code triage --model-config}); a {@code model.config} path is read relative to
     * the symptom file, and only inside its directory tree unless {@link #withConfigAnywhere()}.
     */
    public SymptomFile read(SourceText text, Path modelConfig) throws InvalidInputException {
        return read(text, modelConfig, null);
    }

    /**
     * Reads a symptom file with a config.json given as text, not as a path ({@code serve}'s form):
     * nothing is opened. The config's problems (syntax, structure) come after the symptom file's,
     * all in one pass, each located in {@code modelConfig.source()}; fields the config would have
     * given are then left unknown rather than reported missing.
     */
    public SymptomFile read(SourceText text, SourceText modelConfig) throws InvalidInputException {
        return read(text, null, modelConfig);
    }

    private SymptomFile read(SourceText text, Path modelConfig, SourceText configText) throws InvalidInputException {
        LocatedDocument doc = LocatedDocument.parse(text, LocatedDocument.syntaxOf(text.source(), text.text()));
        JsonNode version = doc.root().path("posmortem");
        boolean versionOne = version.isNumber() && version.asDouble() == 1;
        List<String> blanks = SchemaQuestions.blanks(doc.root());
        if (!blanks.isEmpty()) throw new InvalidInputException(fillIn(doc, blanks));
        DocumentSchema.Validation schema = (versionOne ? SymptomSchema.v1() : SymptomSchema.v2()).check(doc);
        List<Problem> problems = new ArrayList<>(versionOne ? versionTwoHints(doc, schema.problems()) : schema.problems());
        SymptomInput input = schema.problems().isEmpty() ? SymptomInput.of(doc)
                : SymptomInput.ofValidParts(doc, schema.invalid()).orElse(null);
        if (input == null) throw new InvalidInputException(problems);
        if (input.model() == null) input = new SymptomInput(input.title(), ModelInput.ABSENT, input.builds());
        ModelConfig config = null;
        List<Problem> configProblems = List.of();
        boolean configUnusable = false;
        String named = input.model().config();
        if (named != null && !filesAllowed) {
            configUnusable = true;
            problems.add(doc.problem("input.model-config", "/model/config",
                    "this service does not read files named in the input", "the model's fields inline", "remove model.config"));
        } else if (named != null) {
            try {
                config = ModelConfigReader.readWithin(Path.of(text.source()).getParent(), named, configAnywhere);
            } catch (InvalidInputException e) {
                problems.add(doc.problem("input.model-config", "/model/config", "the model's config.json cannot be used; its problems follow",
                        "a readable Hugging Face config.json", null));
                configProblems = e.problems();
                configUnusable = true;
            }
        } else if (modelConfig != null) {
            config = ModelConfigReader.read(modelConfig);
        } else if (configText != null) {
            try {
                config = ModelConfigReader.read(configText);
            } catch (InvalidInputException e) {
                configProblems = e.problems();
                configUnusable = true;
            }
        }
        // A config that cannot be read leaves the fields it would give unknown, as a schema problem does.
        Set<String> invalid = new HashSet<>(schema.invalid());
        if (configUnusable) invalid.add("/model/config");
        Resolution resolution = new Resolution(doc, input, text.sha256(), vocabulary, config, invalid, versionOne);
        SymptomFile file = resolution.resolve();
        problems.addAll(resolution.problems);
        if (problems.isEmpty() && configProblems.isEmpty()) return file;
        throw new InvalidInputException(inFileOrder(problems, configProblems));
    }

    /**
     * The blanks {@code posmortem init} left ({@link SchemaQuestions#BLANK}), one {@code input.fill-in}
     * problem each, with the field's question as the hint. Only these are told: the rest of the file
     * is checked once the blanks are filled (a blank would otherwise also be a type or vocabulary
     * problem of its own).
     */
    private static List<Problem> fillIn(LocatedDocument doc, List<String> blanks) {
        List<Problem> out = new ArrayList<>();
        for (String pointer : blanks) {
            String question = SchemaQuestions.question(pointer.replaceAll("/\\d+(?=/|$)", "/0"));
            out.add(doc.problem("input.fill-in", pointer, "fill in this blank: " + SchemaQuestions.BLANK + " is still here",
                    "your answer in place of " + SchemaQuestions.BLANK,
                    question != null ? question : "answer it, or delete the line if the field is optional"));
        }
        return out;
    }

    /**
     * A version-1 file's unknown fields that version 2 knows get a hint to declare version 2 (a
     * field that is unknown to both keeps its own hint).
     */
    private static List<Problem> versionTwoHints(LocatedDocument doc, List<Problem> problems) {
        if (problems.isEmpty()) return problems;
        Set<String> unknownInV2 = new HashSet<>();
        for (Problem p : SymptomSchema.v2().validate(doc)) {
            if (p.code().equals("schema.unknown-field")) unknownInV2.add(p.pointer());
        }
        List<Problem> out = new ArrayList<>();
        for (Problem p : problems) {
            out.add(p.code().equals("schema.unknown-field") && !unknownInV2.contains(p.pointer())
                    ? new Problem(p.code(), p.source(), p.pointer(), p.line(), p.column(), p.message() + " in format version 1",
                            p.expected(), "it is a version-2 field: set posmortem: 2")
                    : p);
        }
        return out;
    }

    /**
     * The symptom file's problems in file order (each once), the config.json's right after the
     * problem that says it cannot be used, or last when the config was given beside the file.
     */
    private static List<Problem> inFileOrder(List<Problem> problems, List<Problem> configProblems) {
        List<Problem> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(problems));
        sorted.sort(DocumentSchema.BY_POSITION);
        List<Problem> out = new ArrayList<>();
        boolean placed = false;
        for (Problem p : sorted) {
            out.add(p);
            if (p.code().equals("input.model-config") && p.pointer().equals("/model/config")) {
                out.addAll(configProblems);
                placed = true;
            }
        }
        if (!placed) out.addAll(configProblems);
        return out;
    }

    /**
     * One pass over a bound document: checks what the schema cannot (vocabulary, consistency,
     * ranges that depend on other fields), fills defaults. Nodes the schema found unusable
     * ({@code invalid}) are bound as absent; every check that depends on one of them is skipped,
     * so a mistake is reported once, by the schema, and not again as its consequences.
     */
    private static final class Resolution {
        private final LocatedDocument doc;
        private final SymptomInput input;
        private final String sha256;
        private final Vocabulary vocabulary;
        private final List<Problem> problems = new ArrayList<>();
        private final List<Assumption> assumptions = new ArrayList<>();
        private final ModelConfig config;
        private final Set<String> invalid;
        /** Whether the model's encoding and trained context are known (given, or read from its config). */
        private boolean encodingKnown = true;
        private boolean trainedKnown = true;

        Resolution(LocatedDocument doc, SymptomInput input, String sha256, Vocabulary vocabulary, ModelConfig config, Set<String> invalid,
                   boolean versionOne) {
            this.doc = doc;
            if (versionOne) assume("/posmortem", 2, "a version-1 file, read as version 2 (every version-1 field keeps its meaning)");
            this.input = input;
            this.sha256 = sha256;
            this.vocabulary = vocabulary;
            this.config = config;
            this.invalid = invalid;
        }

        /** The validated file, or null when a problem was found (they are in {@link #problems}). */
        SymptomFile resolve() {
            ModelSpec model = model(input.model());
            List<BuildSpec> builds = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            List<BuildInput> given = input.builds() == null ? List.of() : input.builds();
            for (int i = 0; i < given.size(); i++) {
                String pointer = "/builds/" + i;
                BuildInput b = given.get(i);
                if (b == null) continue;
                String id = b.id();
                if (id != null && !ids.add(id)) {
                    report("value.duplicate-id", pointer + "/id", "build id '" + id + "' is used twice",
                            "a unique id per build", null);
                }
                builds.add(build(b, pointer, id, model));
            }
            if (!problems.isEmpty() || !invalid.isEmpty()) return null;
            return new SymptomFile(doc.source(), sha256, input.title(), model, List.copyOf(builds), List.copyOf(assumptions), config);
        }

        /** Whether the node at {@code pointer} and every node above it passed the schema. */
        private boolean known(String pointer) {
            for (String bad : invalid) {
                if (pointer.equals(bad) || pointer.startsWith(bad + "/")) return false;
            }
            return true;
        }

        /** Whether the subtree at {@code pointer} passed the schema entirely (a block read as a whole). */
        private boolean intact(String pointer) {
            if (!known(pointer)) return false;
            for (String bad : invalid) {
                if (bad.startsWith(pointer + "/")) return false;
            }
            return true;
        }

        /** A problem at {@code pointer}, unless the schema already reported that node (or one above it). */
        private void report(String code, String pointer, String message, String expected, String hint) {
            if (known(pointer)) problems.add(doc.problem(code, pointer, message, expected, hint));
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
                encodingKnown = known("/model/positional_encoding") && known("/model/config");
                if (encodingKnown) {
                    report("schema.required", "/model", "the model needs positional_encoding, or a config.json to read it from",
                            "positional_encoding: rope | alibi | t5-bias | learned | none", "add positional_encoding, or model.config");
                }
                encoding = Encoding.ROPE;
            }
            String name = m.name() == null ? String.valueOf(modelDefault("/name", "/model")) : m.name();
            Integer headDim = m.headDim() != null ? m.headDim()
                    : c != null ? fromConfig("head_dim", c.headDim(), "head_dim or hidden_size / heads") : null;
            if (headDim == null) headDim = ((Number) modelDefault("/head_dim", "/model")).intValue();
            Integer heads = m.heads() != null ? m.heads()
                    : c != null ? fromConfig("heads", c.heads(), "num_attention_heads") : null;
            if (heads == null) heads = ((Number) modelDefault("/heads", "/model")).intValue();
            List<Integer> stages = trainedStages(m);
            Integer trained = m.trainedContext() != null ? m.trainedContext()
                    : c != null ? fromConfig("trained_context", c.trainedContext(), "original_max_position_embeddings or max_position_embeddings") : null;
            if (trained == null && !stages.isEmpty()) {
                trained = stages.get(0);
                assume("/model/trained_context", trained, "the first of trained_stages");
            }
            if (trained == null && m.name() != null) {
                for (ModelFamily family : vocabulary.modelFamilies()) {
                    if (family.matches(m.name())) {
                        trained = family.trainedContext();
                        assume("/model/trained_context", trained, "the " + family.id() + " family's original window: " + family.basis());
                        break;
                    }
                }
            }
            if (trained == null) {
                trainedKnown = known("/model/trained_context") && known("/model/config") && known("/model/trained_stages");
                if (trainedKnown) {
                    report("schema.required", "/model", "the model needs trained_context (its config.json does not say)",
                            "trained_context: tokens, trained_stages, or model.config",
                            "give the length the model was first trained at, e.g. max_position_embeddings of its original config.json");
                }
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
            trained = trainedKnown ? limit(m.trainedContext() != null, "trained_context", trained, 2, MAX_TOKENS) : 2;
            if (window != null) window = limit(m.slidingWindow() != null, "sliding_window", window, 1, MAX_TOKENS);
            if (encoding == Encoding.ROPE && !(base > 1 && Double.isFinite(base))) {
                report("value.range", m.ropeBase() != null ? "/model/rope_base" : "/model/config",
                        "rope_base " + fmt(base) + " gives no rotation frequencies", "a RoPE base above 1", null);
                base = 10_000;
            }
            RotaryLayout layout = m.rotaryLayout() == null ? null : WireName.parse(RotaryLayout.class, m.rotaryLayout());
            ModelSpec spec = new ModelSpec(name, encoding, headDim, heads, trained, base, fraction, window, stages, layout, layers(m.layers()),
                    Tri.of(c == null ? null : c.topLevelFlag("use_logn_attn")));
            if (encoding == Encoding.ROPE && encodingKnown && known("/model/head_dim") && known("/model/rotary_fraction")
                    && (spec.rotaryDims() < 4 || spec.rotaryDims() % 2 != 0)) {
                report("value.rotary-dims", m.rotaryFraction() != null ? "/model/rotary_fraction" : "/model/head_dim",
                        "head_dim x rotary_fraction = " + headDim + " x " + fraction + " rotates " + spec.rotaryDims()
                                + " dimensions", "an even number of rotated dimensions, at least 4 (NTK-aware scaling raises the base to "
                                + "the power d / (d - 2))", null);
            }
            return spec;
        }

        private BuildSpec build(BuildInput b, String pointer, String id, ModelSpec model) {
            String rp = pointer + "/retrofit";
            RetrofitInput r = b.retrofit();
            if (r == null && known(rp)) {
                r = new RetrofitInput(AS_SHIPPED, null, null, null, null, null, null, null, null);
                assume(rp + "/kind", AS_SHIPPED, "no retrofit block: the model served as published");
            } else if (r == null) {
                r = RetrofitInput.ABSENT;
            }
            String kind = r.kind();
            if (AS_SHIPPED.equals(kind)) {
                kind = AS_SHIPPED + "-" + WireName.of(model.encoding());
                assume(rp + "/kind", kind, "as-shipped for a model with positional_encoding " + WireName.of(model.encoding()));
            }
            String family = kind == null ? null : vocabulary.retrofitFamilies().get(kind);
            if (family == null && kind != null) {
                report("vocabulary.retrofit-kind", rp + "/kind", "unknown retrofit kind '" + kind + "'",
                        "one of " + String.join(", ", vocabulary.retrofitFamilies().keySet()),
                        SymptomSchema.mistakes().valueHint(rp + "/kind", kind, vocabulary.retrofitFamilies().keySet())
                                .orElse("see knowledge-base/retrofit-kinds.yaml"));
            } else if (family != null && family.equals("rope") && model.encoding() != Encoding.ROPE && encodingKnown) {
                report("value.inconsistent", rp + "/kind", "retrofit kind '" + kind
                                + "' changes RoPE, but model.positional_encoding is " + WireName.of(model.encoding()),
                        "a RoPE model for a rope-* retrofit", "check model.positional_encoding");
            }
            RuntimeSpec runtime = runtime(b.runtime(), pointer + "/runtime", model);
            int trained = model.trainedContext();
            Double factor = r.factor();
            Integer target = r.targetContext();
            // The target length rests on these; when one of them is unusable, so is every check against the target.
            boolean targetKnown = trainedKnown && known(rp) && known(rp + "/target_context") && known(rp + "/factor")
                    && known(pointer + "/runtime/context_window") && known("/model/config");
            if (target == null && !targetKnown) {
                target = trained;
            } else if (target == null) {
                if (runtime.contextWindow() != null) {
                    target = runtime.contextWindow();
                    assume(rp + "/target_context", target, "the runtime's context_window");
                } else if (factor != null) {
                    long product = Math.round(factor * trained);
                    if (product > MAX_TOKENS) {
                        report("value.range", rp + "/factor", "factor x trained_context = " + fmt(factor) + " x " + trained
                                + " is " + product + " tokens", "a target context of at most " + MAX_TOKENS + " tokens",
                                "give target_context, or a smaller factor");
                        product = trained;
                    }
                    target = (int) product;
                    assume(rp + "/target_context", target, "factor x trained_context = " + fmt(factor) + " x " + trained);
                } else if (config != null && config.maxPositions() != null) {
                    target = config.maxPositions();
                    assume(rp + "/target_context", target, config.source() + ": max_position_embeddings");
                } else if (kind != null && kind.startsWith(AS_SHIPPED)) {
                    target = model.longestTrained();
                    assume(rp + "/target_context", target, "served as shipped: the length the model was trained at");
                } else {
                    report("value.missing-length", rp, "the build's target context length is unknown",
                            "retrofit.target_context, retrofit.factor or runtime.context_window", "add target_context");
                    target = trained;
                }
            }
            if (!targetKnown) {
                target = Math.max(target, trained);
            } else if (target > MAX_TOKENS) {
                report("value.range", rp, "target context " + target + " is beyond what posmortem models",
                        "at most " + MAX_TOKENS + " tokens", null);
                target = trained;
            }
            if (model.encoding() == Encoding.ROPE && encodingKnown && targetKnown && known("/model/head_dim") && known("/model/rotary_fraction")
                    && runtime.ropeDtype() != null && runtime.ropeDtype() != Dtype.FP32) {
                long pairs = model.rotaryDims() / 2;
                long evaluations = EvidenceCost.angleEvaluations(pairs, target);
                if (evaluations > EvidenceCost.ANGLE_EVALUATIONS) {
                    report("value.too-costly", pointer + "/runtime/rope_dtype", "checking " + runtime.ropeDtype().wireName()
                                    + " angles of " + pairs + " rotary pairs at " + EvidenceCost.angleSamples(target) + " positions up to "
                                    + target + " tokens is " + evaluations + " angle evaluations",
                            "at most " + EvidenceCost.ANGLE_EVALUATIONS + " (rotary pairs x positions: every token up to "
                                    + EvidenceCost.ANGLE_EVERY_TOKEN_UP_TO + ", then every " + EvidenceCost.ANGLE_STEP + "th)",
                            "lower target_context or head_dim x rotary_fraction, or leave rope_dtype out");
                }
            }
            boolean ropeScalingGiven = r.ropeScaling() != null && r.ropeScaling().isObject();
            Map<String, Object> ropeScaling = ropeScalingGiven ? plain(r.ropeScaling()) : new LinkedHashMap<>();
            // A block is read as a whole: against a known model and target, and only when the schema accepted all of it.
            boolean blocksReadable = encodingKnown && targetKnown && known("/model/rope_base");
            RopeMapping configured = ropeScalingGiven && model.encoding() == Encoding.ROPE && blocksReadable && intact(rp + "/rope_scaling")
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
                factor = Math.max(1.0, (double) target / trained);
                assume(rp + "/factor", factor, target >= trained ? "target_context / trained_context = " + target + " / " + trained
                        : "1: the target (" + target + ") is inside the trained window (" + trained + ")");
            }
            BiasInput biasBlock = r.relativeBias() != null ? r.relativeBias() : input.model().relativeBias();
            String biasPointer = r.relativeBias() != null || input.model().relativeBias() == null ? rp + "/relative_bias" : "/model/relative_bias";
            BucketSpec buckets = !"relative-bias".equals(family) ? null
                    : biasBlock == null && config != null && config.buckets() != null
                    ? fromConfig("relative_bias", config.buckets(), "relative_attention_num_buckets, relative_attention_max_distance")
                    : buckets(biasBlock == null ? new BiasInput(null, null, null) : biasBlock, biasPointer, intact(biasPointer));
            Tri fineTuned = Tri.of(r.fineTuned());
            Integer fineTunedContext = r.fineTunedContext();
            if (r.fineTuned() == null && model.longestTrained() > trained) {
                fineTuned = Tri.YES;
                assume(rp + "/fine_tuned", true, "trained_stages: the model was trained at " + model.longestTrained() + " tokens");
                if (fineTunedContext == null) {
                    fineTunedContext = model.longestTrained();
                    assume(rp + "/fine_tuned_context", fineTunedContext, "the last of trained_stages");
                }
            }
            Retrofit retrofit = new Retrofit(kind, factor, r.newBase(), target, ropeScaling, configured, buckets,
                    fineTuned, fineTunedContext != null ? fineTunedContext : target, r.description());
            List<Observation> observations = observations(b.observations(), pointer + "/observations", id, targetKnown ? target : null);
            RopeMapping whatIf = null;
            Map<String, Object> whatIfBlock = null;
            if (b.whatIf() != null && b.whatIf().isObject() && encodingKnown) {
                if (model.encoding() != Encoding.ROPE) {
                    report("value.inconsistent", pointer + "/what_if", "a what-if rope_scaling needs a RoPE model",
                            "a RoPE model", "remove what_if");
                } else if (blocksReadable && intact(pointer + "/what_if")) {
                    whatIf = RopeConfigReader.embedded(doc, b.whatIf(), pointer + "/what_if", model.ropeBase(), trained, target, problems);
                    if (whatIf != null) RopeConfigReader.checkPairs(doc, pointer + "/what_if", whatIf, model.rotaryDims(), problems);
                    whatIfBlock = plain(b.whatIf());
                }
            }
            return new BuildSpec(id, b.title(), retrofit, runtime, observations, pointer, whatIf, whatIfBlock);
        }

        private BucketSpec buckets(BiasInput block, String pointer, boolean checked) {
            int numBuckets = block.numBuckets() != null ? block.numBuckets()
                    : ((Number) biasDefault("/num_buckets", pointer)).intValue();
            int maxDistance = block.maxDistance() != null ? block.maxDistance()
                    : ((Number) biasDefault("/max_distance", pointer)).intValue();
            boolean bidirectional = block.bidirectional() != null ? block.bidirectional()
                    : (Boolean) biasDefault("/bidirectional", pointer);
            int perDirection = bidirectional ? numBuckets / 2 : numBuckets;
            if (checked && (perDirection / 2 >= maxDistance || perDirection < 2)) {
                report("value.inconsistent", pointer, "num_buckets " + numBuckets + " and max_distance "
                        + maxDistance + " leave no logarithmic buckets", "max_distance above half the buckets per direction", null);
            }
            return new BucketSpec(numBuckets, maxDistance, bidirectional);
        }

        private RuntimeSpec runtime(RuntimeInput r, String pointer, ModelSpec model) {
            if (r == null) return RuntimeSpec.UNSPECIFIED;
            Double reportedFactor = r.reportedFactor();
            if (reportedFactor == null && r.ropeFreqScale() != null) {
                reportedFactor = 1 / r.ropeFreqScale();
                assume(pointer + "/reported_factor", reportedFactor, "1 / rope_freq_scale = 1 / " + fmt(r.ropeFreqScale()));
            }
            Double reportedBase = r.reportedBase();
            if (reportedBase == null && r.ntkAlpha() != null && model.encoding() == Encoding.ROPE) {
                int d = model.rotaryDims();
                reportedBase = model.ropeBase() * Math.pow(r.ntkAlpha(), (double) d / (d - 2));
                assume(pointer + "/reported_base", reportedBase, "rope_base x ntk_alpha^(d/(d-2)) = " + fmt(model.ropeBase()) + " x "
                        + fmt(r.ntkAlpha()) + "^(" + d + "/" + (d - 2) + ")");
            }
            Map<String, Object> block = r.ropeScaling() != null && r.ropeScaling().isObject() ? plain(r.ropeScaling()) : null;
            RopeMapping served = null;
            if (block != null && model.encoding() == Encoding.ROPE) {
                int target = Math.max(model.trainedContext(), r.contextWindow() != null ? r.contextWindow() : model.trainedContext());
                served = RopeConfigReader.embedded(doc, r.ropeScaling(), pointer + "/rope_scaling", model.ropeBase(), model.trainedContext(),
                        target, problems);
                if (served != null) RopeConfigReader.checkPairs(doc, pointer + "/rope_scaling", served, model.rotaryDims(), problems);
            }
            if (r.rotaryDims() != null && (r.rotaryDims() % 2 != 0 || r.rotaryDims() > model.headDim()) && known("/model/head_dim")) {
                report("value.rotary-dims", pointer + "/rotary_dims", "the engine is said to rotate " + r.rotaryDims()
                                + " of each head's " + model.headDim() + " dimensions", "an even number of dimensions (each rotary pair "
                                + "turns two), at most head_dim (" + model.headDim() + ")",
                        "llama.cpp logs n_rot at load; the model's own count is head_dim x partial_rotary_factor (Phi-2: 80 x 0.4 = 32)");
            }
            RemapInput remap = r.positionRemap();
            PositionHandling positions = new PositionHandling(Tri.of(r.contextShift()), r.nKeep(), Tri.of(r.leftPadding()),
                    Tri.of(r.positionIdsFromMask()), Tri.of(r.packedSequences()), Tri.of(r.positionReset()), Tri.of(r.chunkedPrefill()),
                    remap == null ? null : new PositionHandling.PositionRemap(remap.method(), remap.groupSize(), remap.neighborWindow(),
                            remap.chunkSize()));
            return new RuntimeSpec(r.engine(), r.version(), reportedBase, reportedFactor, r.contextWindow(),
                    Dtype.of(r.kvCacheDtype()), Dtype.of(r.ropeDtype()), r.attentionFactor(), Tri.of(r.slidingWindow()), Tri.of(r.prefixCaching()),
                    block, served, r.ropeFreqScale(), r.ntkAlpha(), r.scalingApplied(), Tri.of(r.lognAttention()), r.weightBits(),
                    r.attentionBackend(), r.rotaryLayout() == null ? null : WireName.parse(RotaryLayout.class, r.rotaryLayout()), r.rotaryDims(),
                    Tri.of(r.chunkedAttention()), Tri.of(r.rotatesNopeLayers()), positions);
        }

        /** The training stages' lengths, which must grow stage by stage. */
        private List<Integer> trainedStages(ModelInput m) {
            if (m.trainedStages() == null) return List.of();
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < m.trainedStages().size(); i++) {
                int context = m.trainedStages().get(i).context();
                if (!out.isEmpty() && context <= out.get(out.size() - 1)) {
                    report("value.order", "/model/trained_stages/" + i + "/context", "stage " + (i + 1) + " trains at "
                            + context + " tokens, not longer than the stage before (" + out.get(out.size() - 1) + ")",
                            "stages in the order they were trained, each longer than the last", "list the stages shortest first");
                }
                out.add(context);
            }
            if (m.trainedContext() != null && !out.isEmpty() && out.get(0) != m.trainedContext().intValue()) {
                report("value.inconsistent", "/model/trained_stages/0/context", "the first training stage ("
                        + out.get(0) + " tokens) is not trained_context (" + m.trainedContext() + ")",
                        "trained_context equal to the first stage's length", "leave trained_context out, or make them agree");
            }
            return List.copyOf(out);
        }

        private static LayerScheme layers(LayersInput l) {
            if (l == null) return null;
            return new LayerScheme(l.globalEvery(), l.localRopeBase(), l.localWindow(), Tri.of(l.localScaled()), l.nopeEvery(), l.chunkedAttention());
        }


        /**
         * The observations of a build, checked against its {@code target} length (null when the
         * target rests on a value the schema refused: the checks against it are skipped).
         */
        private List<Observation> observations(List<ObservationInput> list, String pointer, String build, Integer target) {
            List<Observation> out = new ArrayList<>();
            if (list == null) return out;
            Set<String> ids = new HashSet<>();
            for (int j = 0; j < list.size(); j++) {
                ObservationInput o = list.get(j);
                if (o == null) continue;
                String op = pointer + "/" + j;
                String id = o.id() != null ? o.id() : "o" + (j + 1);
                if (known(op + "/id") && !ids.add(id)) {
                    report("value.duplicate-id", op + "/id", "observation id '" + id + "' is used twice in this build",
                            "a unique id per observation", null);
                }
                String capability = o.capability();
                if (capability != null && !vocabulary.capabilities().contains(capability)) {
                    report("vocabulary.capability", op + "/capability", "unknown capability '" + capability + "'",
                            "one of " + String.join(", ", vocabulary.capabilities()),
                            SymptomSchema.mistakes().valueHint(op + "/capability", capability, vocabulary.capabilities())
                                    .orElse("see knowledge-base/capabilities.yaml"));
                }
                Integer from = null;
                Integer to = null;
                boolean bandGiven = o.context() != null;
                if (bandGiven) {
                    from = o.context().from();
                    to = o.context().to();
                    if (from != null && to != null && from > to) {
                        report("value.range", op + "/context/to", "context band ends (" + to + ") before it starts (" + from + ")",
                                "to >= from", null);
                    }
                } else if (target != null && known(op + "/context")) {
                    from = 1;
                    to = target;
                    assume(op + "/context", "1-" + target, "not given: the whole target window");
                }
                checkBand(op, from, to, bandGiven, o.onset(), target);
                Counts counts = intact(op + "/counts") ? counts(o.counts(), op + "/counts") : null;
                Metric metric = o.metric() != null && intact(op + "/metric")
                        ? new Metric(o.metric().name(), o.metric().value(), o.metric().baseline()) : null;
                if (counts != null && counts.baselineTrials() != null && metric != null) {
                    report("value.inconsistent", op + "/metric", "an observation can be decided by counts or by a metric, not both",
                            "counts with a baseline, or a metric", "split it into two observations");
                }
                Outcome outcome = o.outcome() != null ? WireName.parse(Outcome.class, o.outcome()) : null;
                boolean decidable = known(op + "/outcome") && intact(op + "/counts") && intact(op + "/metric");
                if (outcome == null && decidable && metric == null && (counts == null || counts.baselineTrials() == null)) {
                    report("schema.required", op, "an observation needs an outcome, or counts with a baseline or a metric to decide it",
                            "outcome: degraded | preserved | improved, counts.baseline, or metric",
                            "add 'outcome', counts with a baseline, or a metric with its baseline value");
                    outcome = Outcome.INCONCLUSIVE;
                }
                if (outcome == null) outcome = Outcome.INCONCLUSIVE;
                if (from == null || to == null || capability == null) continue;
                Trend trend = o.worsensWithLength() == null ? Trend.UNKNOWN : o.worsensWithLength() ? Trend.WORSENS : Trend.STABLE;
                out.add(new Observation(build, id, o.workload(), capability, from, to, outcome,
                        o.onset() != null ? o.onset() : 0, trend, Tri.of(o.shortPromptsChanged()),
                        Tri.of(o.historyDependent()), counts, metric, o.context() != null, o.note(), op, 1.0, o.promptTokens(),
                        o.generatedTokens(), Tri.of(o.batchDependent()),
                        o.source() == null || !intact(op + "/source") ? null
                                : new ObservationSource(o.source().file(), o.source().task(), o.source().metric())));
            }
            return List.copyOf(out);
        }

        /**
         * What a band means against its build: it cannot reach past the target context (the build
         * never serves those lengths), and its onset (the length where the change was first seen)
         * cannot lie beyond its end; an onset below the band is fine (the change began before the
         * lengths measured). A band left out is the whole target window.
         */
        private void checkBand(String op, Integer from, Integer to, boolean bandGiven, Integer onset, Integer target) {
            if (bandGiven && to != null && target != null && (from == null || from <= to) && to > target) {
                report("value.band-beyond-target", op + "/context/to", "the band reaches " + to + " tokens, beyond the build's target context of "
                                + target + " tokens", "a band within 1-" + target + " (the target context)",
                        "correct the band, or give the build's real target_context (a runtime's context_window counts as the target when "
                                + "target_context is left out)");
            }
            if (onset != null && from != null && to != null && from <= to && onset > to) {
                report("value.onset-outside-band", op + "/onset", "onset " + onset + " lies beyond the observation's band " + from + "-" + to
                                + (bandGiven ? "" : " (the whole target window)") + ": the change cannot first appear after the band it was seen in",
                        "an onset of at most " + to + " (it may lie below the band: the change began before the lengths measured)",
                        bandGiven ? "correct the onset, or widen the band to where the change was seen"
                                : "give the band (context: {from, to}) the observation covers, or correct the onset");
            }
        }

        private Counts counts(CountsInput c, String pointer) {
            if (c == null) return null;
            // The schema bounds every count by 1,000,000,000, so they and their sums fit an int.
            int successes = c.successes();
            int trials = c.trials();
            if (successes > trials) {
                report("value.range", pointer + "/successes", successes + " successes out of " + trials + " trials",
                        "successes <= trials", null);
            }
            Integer bs = null;
            Integer bt = null;
            if (c.baseline() != null) {
                bs = c.baseline().successes();
                bt = c.baseline().trials();
                if (bs > bt) {
                    report("value.range", pointer + "/baseline/successes", bs + " successes out of " + bt + " trials",
                            "successes <= trials", null);
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
            report("value.range", given ? "/model/" + field : "/model/config",
                    field + " " + value + " is outside the range posmortem can model", "between " + min + " and " + max, null);
            return value < min ? min : max;
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
        }

        private static Map<String, Object> plain(JsonNode node) {
            return JsonValues.object(node);
        }
    }
}
