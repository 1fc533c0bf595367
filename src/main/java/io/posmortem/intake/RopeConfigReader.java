package io.posmortem.intake;

import io.posmortem.model.Problem;
import io.posmortem.model.Spelling;
import io.posmortem.model.input.RopeSetup;
import io.posmortem.model.positional.RopeMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the RoPE fields of a Hugging Face style config into a {@link RopeSetup}. Understands
 * every shape transformers has accepted: {@code rope_scaling} (v4) or {@code rope_parameters}
 * (v5, which may also carry {@code rope_theta} and {@code partial_rotary_factor}); the type under
 * {@code rope_type} or the older {@code type}; {@code original_max_position_embeddings} inside the
 * block or at the top level (Phi-3); {@code head_dim} or {@code hidden_size / num_attention_heads}.
 *
 * <p>Semantics follow transformers v5: YaRN and LongRoPE take {@code factor} when given, else
 * {@code max_position_embeddings / original_max_position_embeddings}; the original window
 * defaults to {@code max_position_embeddings}; YaRN's beta_fast/beta_slow default to 32/1 and
 * truncate to true. {@code su} is read as longrope (early Phi-3 configs); the former static
 * {@code ntk} type as an NTK-aware base change. Keys of a config's block that no loader reads are
 * left alone here (config lint reports them); a block typed on the command line is strict.
 */
public final class RopeConfigReader {
    private RopeConfigReader() {}

    static final Set<String> TYPES = Set.of("default", "linear", "dynamic", "ntk", "yarn", "llama3", "longrope", "su");

    /** The keys each type reads (besides the type key itself); other keys are reported as ignored. */
    static final Set<String> BLOCK_KEYS = Set.of("rope_type", "type", "factor", "original_max_position_embeddings",
            "attention_factor", "beta_fast", "beta_slow", "mscale", "mscale_all_dim", "truncate", "low_freq_factor",
            "high_freq_factor", "short_factor", "long_factor", "rope_theta", "partial_rotary_factor");

    /**
     * Reads {@code document}'s root as a config.json.
     *
     * @param overrides values given on the command line (null fields are not overridden)
     */
    public static RopeSetup read(LocatedDocument document, Overrides overrides) throws InvalidInputException {
        return read(document, overrides, false);
    }

    /**
     * As {@link #read(LocatedDocument, Overrides)}; with {@code lenientBlock}, a scaling block that
     * cannot be read (a required key missing, a value of the wrong type) gives a null mapping
     * instead of an error, as config lint reports it.
     */
    public static RopeSetup read(LocatedDocument document, Overrides overrides, boolean lenientBlock) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        Fields f = new Fields(document, problems);
        JsonNode root = document.root();
        if (!root.isObject()) {
            throw new InvalidInputException(List.of(document.problem("config.structure", "", "a config must be a JSON object",
                    "an object with rope_theta, head_dim or hidden_size / num_attention_heads", null)));
        }
        String blockName = root.has("rope_parameters") ? "rope_parameters" : "rope_scaling";
        JsonNode block = root.path(blockName);
        String bp = "/" + blockName;
        if (!block.isMissingNode() && !block.isNull() && !block.isObject()) {
            problems.add(document.problem("config.type", bp, blockName + " must be an object or null", "an object", null));
            block = null;
        }
        if (block != null && (block.isMissingNode() || block.isNull())) block = null;

        Double base = overrides.base() != null ? overrides.base()
                : block != null && block.has("rope_theta") ? f.number(block, bp + "/rope_theta")
                : root.has("rope_theta") ? f.number(root, "/rope_theta") : Double.valueOf(10_000);
        Integer headDim = overrides.headDim() != null ? overrides.headDim()
                : root.has("head_dim") && !root.get("head_dim").isNull() ? f.integer(root, "/head_dim") : null;
        if (headDim == null) {
            Integer hidden = root.has("hidden_size") ? f.integer(root, "/hidden_size") : null;
            Integer heads = root.has("num_attention_heads") ? f.integer(root, "/num_attention_heads") : null;
            if (hidden != null && heads != null && heads > 0) headDim = hidden / heads;
            else if (hidden == null || heads == null) problems.add(document.problem("config.missing", "",
                    "no head dimension", "head_dim, or hidden_size and num_attention_heads", "pass --head-dim"));
        }
        double fraction = overrides.rotaryFraction() != null ? overrides.rotaryFraction()
                : block != null && block.has("partial_rotary_factor") ? orOne(f.number(block, bp + "/partial_rotary_factor"))
                : root.has("partial_rotary_factor") ? orOne(f.number(root, "/partial_rotary_factor")) : 1.0;
        Integer maxPositions = overrides.maxPositions() != null ? overrides.maxPositions()
                : root.has("max_position_embeddings") ? f.integer(root, "/max_position_embeddings") : null;
        Integer original = null;
        if (block != null && block.has("original_max_position_embeddings") && !block.get("original_max_position_embeddings").isNull()) {
            original = f.integer(block, bp + "/original_max_position_embeddings");
        } else if (root.has("original_max_position_embeddings")) {
            original = f.integer(root, "/original_max_position_embeddings");
        }
        if (maxPositions == null) maxPositions = original != null ? original : Integer.valueOf(2048);
        if (original == null) original = maxPositions;
        if (!problems.isEmpty()) throw new InvalidInputException(problems);

        RopeMapping mapping = new RopeMapping.Default(base);
        if (block != null) {
            List<Problem> blockProblems = new ArrayList<>();
            mapping = mapping(document, new Fields(document, blockProblems), block, bp, base, original, maxPositions, false);
            if (!blockProblems.isEmpty()) {
                if (!lenientBlock) throw new InvalidInputException(blockProblems);
                mapping = null;
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        int rotary = (int) (headDim * fraction);
        return new RopeSetup(headDim, rotary, base, mapping, original, maxPositions);
    }

    /**
     * Reads a bare rope_scaling block (as given to {@code posmortem rope --scaling}); keys no
     * loader reads are errors here, since the user just typed them.
     *
     * @param originalContext the trained window when the block does not give original_max_position_embeddings
     * @param maxPositions    max_position_embeddings (YaRN and LongRoPE derive a missing factor from it)
     */
    public static RopeMapping block(LocatedDocument document, double base, int originalContext, int maxPositions)
            throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        Fields f = new Fields(document, problems);
        if (!document.root().isObject()) {
            throw new InvalidInputException(List.of(document.problem("config.structure", "", "rope_scaling must be a JSON object",
                    "an object such as {\"rope_type\": \"yarn\", \"factor\": 8}", null)));
        }
        Integer original = document.root().has("original_max_position_embeddings")
                ? f.integer(document.root(), "/original_max_position_embeddings") : null;
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        RopeMapping m = mapping(document, f, document.root(), "", base, original != null ? original : originalContext,
                maxPositions, true);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return m;
    }

    /**
     * Reads the rope_scaling block at {@code pointer} of a symptom file, adding any problem to
     * {@code problems} (keys no loader reads are left to config lint, as for a config.json).
     */
    static RopeMapping embedded(LocatedDocument document, JsonNode block, String pointer, double base, int originalContext,
                                int maxPositions, List<Problem> problems) {
        int before = problems.size();
        Fields f = new Fields(document, problems);
        Integer original = block.has("original_max_position_embeddings")
                ? f.integer(block, pointer + "/original_max_position_embeddings") : null;
        RopeMapping m = mapping(document, f, block, pointer, base, original != null ? original : originalContext,
                maxPositions, false);
        return problems.size() > before ? null : m;
    }

    /** An alternative rope_scaling given on the command line: the mapping it selects and the block as given. */
    public record Alternative(RopeMapping mapping, java.util.Map<String, Object> block) {}

    /** Reads {@code json}, a rope_scaling block (strict, as {@link #block}), for a model with {@code base} trained on {@code original} tokens. */
    public static Alternative alternative(String json, double base, int original, int maxPositions, int rotaryDims)
            throws InvalidInputException {
        LocatedDocument doc = LocatedDocument.parse(SourceText.of("--what-if", json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                LocatedDocument.Syntax.JSON);
        RopeMapping mapping = block(doc, base, original, maxPositions);
        List<Problem> problems = new ArrayList<>();
        checkPairs(doc, "", mapping, rotaryDims, problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return new Alternative(mapping, JsonValues.object(doc.root()));
    }

    /** A problem per LongRoPE factor list whose length is not one entry per rotary pair. */
    static void checkPairs(LocatedDocument document, String blockPointer, RopeMapping mapping, int rotaryDims, List<Problem> problems) {
        if (!(mapping instanceof RopeMapping.LongRope l)) return;
        for (String name : List.of("short_factor", "long_factor")) {
            int size = name.equals("short_factor") ? l.shortFactor().size() : l.longFactor().size();
            if (size != rotaryDims / 2) {
                problems.add(document.problem("value.inconsistent", blockPointer + "/" + name, name + " has " + size
                        + " entries, but the model rotates " + rotaryDims + " dimensions", rotaryDims / 2 + " entries, one per rotary pair", null));
            }
        }
    }

    private static double orOne(Double v) {
        return v == null ? 1.0 : v;
    }

    private static RopeMapping mapping(LocatedDocument document, Fields f, JsonNode block, String bp, double base,
                                       int original, int maxPositions, boolean strictKeys) {
        String typeKey = block.has("rope_type") ? "rope_type" : "type";
        String type = block.has(typeKey) ? block.get(typeKey).asString("") : "default";
        if (!TYPES.contains(type)) {
            f.problems.add(document.problem("config.rope-type", bp + "/" + typeKey, "unknown rope type '" + type + "'",
                    "one of " + String.join(", ", new java.util.TreeSet<>(TYPES)),
                    Spelling.closest(type, TYPES).map(s -> "did you mean '" + s + "'?").orElse(null)));
            return null;
        }
        for (var it = block.propertyNames().iterator(); it.hasNext(); ) {
            String key = it.next();
            if (strictKeys && !BLOCK_KEYS.contains(key)) {
                f.problems.add(document.problem("config.unknown-key", bp + "/" + LocatedDocument.escape(key),
                        "unknown key '" + key + "' (loaders ignore it)", null,
                        Spelling.closest(key, BLOCK_KEYS).map(s -> "did you mean '" + s + "'?").orElse(null)));
            }
        }
        Double factor = block.has("factor") && !block.get("factor").isNull() ? f.number(block, bp + "/factor") : null;
        checkRanges(document, f, block, bp, type, factor, original);
        switch (type) {
            case "default":
                return new RopeMapping.Default(base);
            case "linear":
                return new RopeMapping.Linear(base, f.required(factor, bp + "/factor"));
            case "ntk":
                return new RopeMapping.NtkAware(base, f.required(factor, bp + "/factor"));
            case "dynamic":
                return new RopeMapping.DynamicNtk(base, f.required(factor, bp + "/factor"), original);
            case "yarn": {
                double s = factor != null ? factor : derivedFactor(document, f, block, bp, type, maxPositions, original);
                Double betaFast = f.optional(block, bp, "beta_fast");
                Double betaSlow = f.optional(block, bp, "beta_slow");
                boolean truncate = !block.has("truncate") || block.get("truncate").asBoolean(true);
                return new RopeMapping.Yarn(base, s, original, betaFast == null || betaFast == 0 ? 32 : betaFast,
                        betaSlow == null || betaSlow == 0 ? 1 : betaSlow, f.optional(block, bp, "attention_factor"),
                        f.optional(block, bp, "mscale"), f.optional(block, bp, "mscale_all_dim"), truncate);
            }
            case "llama3":
                return new RopeMapping.Llama3(base, f.required(factor, bp + "/factor"),
                        f.required(f.optional(block, bp, "low_freq_factor"), bp + "/low_freq_factor"),
                        f.required(f.optional(block, bp, "high_freq_factor"), bp + "/high_freq_factor"), original);
            default: {
                double s = factor != null ? factor : derivedFactor(document, f, block, bp, type, maxPositions, original);
                return new RopeMapping.LongRope(base, f.numbers(block, bp + "/short_factor"), f.numbers(block, bp + "/long_factor"),
                        s, original, f.optional(block, bp, "attention_factor"));
            }
        }
    }

    /**
     * YaRN's and LongRoPE's factor when the block gives none: {@code max_position_embeddings /
     * original_max_position_embeddings} (transformers v5 {@code _compute_yarn_parameters},
     * {@code _compute_longrope_parameters}; in a symptom file the build's target context stands for
     * max_position_embeddings). A quotient below 1 would shorten the context, which no scaling
     * does: a {@code value.range} problem at the original window (or the block), and 1 so reading
     * can go on.
     */
    private static double derivedFactor(LocatedDocument document, Fields f, JsonNode block, String bp, String type,
                                        int maxPositions, int original) {
        double s = (double) maxPositions / original;
        if (s >= 1) return s;
        boolean originalGiven = block.has("original_max_position_embeddings");
        f.problems.add(document.problem("value.range", originalGiven ? bp + "/original_max_position_embeddings" : bp,
                type + " without a factor scales by " + maxPositions + " / original_max_position_embeddings " + original
                        + " = " + Math.round(s * 1000) / 1000.0 + ", which would shorten the context",
                "original_max_position_embeddings at most " + maxPositions + " (the target length), or a factor >= 1",
                "give the factor, or set original_max_position_embeddings to the window the model was trained on"));
        return 1;
    }

    /**
     * The domain of each parameter (as the symptom-file schema states it for rope_scaling), for
     * blocks the schema does not reach: a config.json's, a what-if's, one typed on the command
     * line. A value outside it is a {@code value.range} problem at its key; a llama3 block also
     * needs {@code high_freq_factor >= low_freq_factor}: below it the wavelength bounds cross. Equal
     * factors are valid (Llama 4 Scout ships 1 and 1): the smoothing band is then empty and every
     * pair is either kept or divided by the factor.
     */
    private static void checkRanges(LocatedDocument document, Fields f, JsonNode block, String bp, String type, Double factor,
                                    int original) {
        if (factor != null && !(factor >= 1)) {
            f.problems.add(document.problem("value.range", bp + "/factor", "factor " + factor + " would shorten the context",
                    "a factor >= 1", null));
        }
        for (String key : List.of("attention_factor", "beta_fast", "beta_slow", "low_freq_factor", "high_freq_factor")) {
            JsonNode n = block.get(key);
            if (n != null && n.isNumber() && !(n.asDouble() > 0)) {
                f.problems.add(document.problem("value.range", bp + "/" + key, key + " " + n + " is not positive", "a number > 0", null));
            }
        }
        for (String key : List.of("short_factor", "long_factor")) {
            JsonNode list = block.get(key);
            if (list == null || !list.isArray()) continue;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isNumber() && !(list.get(i).asDouble() > 0)) {
                    f.problems.add(document.problem("value.range", bp + "/" + key + "/" + i, key + "[" + i + "] " + list.get(i)
                            + " is not positive", "a number > 0", null));
                }
            }
        }
        if (original < 2 && block.has("original_max_position_embeddings")) {
            f.problems.add(document.problem("value.range", bp + "/original_max_position_embeddings",
                    "original_max_position_embeddings " + original + " leaves no distance between two tokens", "at least 2", null));
        }
        JsonNode low = block.get("low_freq_factor");
        JsonNode high = block.get("high_freq_factor");
        if (type.equals("llama3") && low != null && high != null && low.isNumber() && high.isNumber() && low.asDouble() > 0
                && high.asDouble() < low.asDouble()) {
            f.problems.add(document.problem("value.inconsistent", bp + "/high_freq_factor", "high_freq_factor " + high
                            + " is below low_freq_factor " + low + ": llama3's wavelength bounds would cross",
                    "high_freq_factor >= low_freq_factor (Llama 3.1: 4 and 1; Llama 4 Scout: 1 and 1)", null));
        }
    }

    /** Command-line values that take precedence over the config's. */
    public record Overrides(Integer headDim, Double base, Double rotaryFraction, Integer maxPositions) {
        public static final Overrides NONE = new Overrides(null, null, null, null);
    }

    /** Typed reads that record a located problem instead of throwing. */
    private static final class Fields {
        final LocatedDocument document;
        final List<Problem> problems;

        Fields(LocatedDocument document, List<Problem> problems) {
            this.document = document;
            this.problems = problems;
        }

        Double number(JsonNode parent, String pointer) {
            JsonNode n = parent.get(pointer.substring(pointer.lastIndexOf('/') + 1));
            if (n == null || n.isNull()) return null;
            if (!n.isNumber()) {
                problems.add(document.problem("config.type", pointer, "must be a number, got " + n, "a number", null));
                return null;
            }
            return n.asDouble();
        }

        Integer integer(JsonNode parent, String pointer) {
            JsonNode n = parent.get(pointer.substring(pointer.lastIndexOf('/') + 1));
            if (n == null || n.isNull()) return null;
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                problems.add(document.problem("config.type", pointer, "must be an integer, got " + n, "an integer", null));
                return null;
            }
            return n.asInt();
        }

        Double optional(JsonNode block, String bp, String key) {
            return block.has(key) ? number(block, bp + "/" + key) : null;
        }

        double required(Double value, String pointer) {
            if (value == null) {
                problems.add(document.problem("config.missing", pointer, "required for this rope type", "a number", null));
                return Double.NaN;
            }
            return value;
        }

        List<Double> numbers(JsonNode block, String pointer) {
            JsonNode n = block.get(pointer.substring(pointer.lastIndexOf('/') + 1));
            List<Double> out = new ArrayList<>();
            if (n == null || !n.isArray()) {
                problems.add(document.problem("config.missing", pointer, "required for longrope: one factor per rotary pair",
                        "an array of numbers", null));
                return out;
            }
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isNumber()) {
                    problems.add(document.problem("config.type", pointer + "/" + i, "must be a number, got " + n.get(i), "a number", null));
                } else {
                    out.add(n.get(i).asDouble());
                }
            }
            return out;
        }
    }
}
