package io.posmortem.intake;

import io.posmortem.model.Encoding;
import io.posmortem.model.input.ModelConfig;
import io.posmortem.model.input.RopeSetup;
import io.posmortem.model.positional.BucketSpec;
import io.posmortem.model.positional.RopeMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Hugging Face style {@code config.json} into a {@link ModelConfig}: RoPE models through
 * {@link RopeConfigReader} (every historical shape of the RoPE fields), ALiBi models (BLOOM's
 * {@code model_type: bloom}, MPT's {@code attn_config.alibi}), T5's bucket fields, and learned
 * positions ({@code n_positions} without RoPE). Unknown keys are kept as entries for config lint,
 * not refused: loaders ignore them, and so must intake.
 */
public final class ModelConfigReader {
    private ModelConfigReader() {}

    /** Top-level keys that bear on position and are listed as entries for lint. */
    static final Set<String> POSITIONAL_KEYS = Set.of("rope_theta", "max_position_embeddings", "original_max_position_embeddings",
            "partial_rotary_factor", "head_dim", "sliding_window", "rope_scaling", "rope_parameters", "max_seq_len", "n_positions",
            "relative_attention_num_buckets", "relative_attention_max_distance", "rope_type", "rope_scaling_factor", "rotary_pct",
            "use_logn_attn");

    /**
     * Reads {@code file} (a regular file). A file that is not JSON is reported by line and column
     * only: the parser's message would quote the file's first bytes, and a config path can name a
     * file that is not a config at all (a key, a token, {@code /etc/shadow}).
     */
    public static ModelConfig read(Path file) throws InvalidInputException {
        return read(SourceText.read(file));
    }

    /**
     * Reads a config.json given as text (a request body, a form field): the same checks as a file,
     * located in {@code text.source()}; a text that is not JSON is reported by line and column only.
     */
    public static ModelConfig read(SourceText text) throws InvalidInputException {
        LocatedDocument doc;
        try {
            doc = LocatedDocument.parse(text, LocatedDocument.Syntax.JSON);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream().map(ModelConfigReader::withoutContent).toList());
        }
        return read(doc);
    }

    /**
     * Reads the config a symptom file names ({@code model.config}), resolved against the directory
     * of the symptom file, {@code base}. Unless {@code anywhere}, the config must lie inside that
     * directory's tree once every symbolic link and {@code ..} is resolved: a symptom file from
     * someone else must not make posmortem read (and report on) any file the user can read.
     */
    public static ModelConfig readWithin(Path base, String named, boolean anywhere) throws InvalidInputException {
        Path file;
        try {
            file = base == null ? Path.of(named) : base.resolve(named);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException(List.of(new io.posmortem.model.Problem("input.not-found", "model.config", "", 0, 0,
                    "not a usable path (" + e.getReason() + ")", "a path relative to the symptom file", null)));
        }
        if (!anywhere) {
            Path rootPath = (base == null ? Path.of("") : base).toAbsolutePath().normalize();
            if (!file.toAbsolutePath().normalize().startsWith(rootPath)) throw outside(file);
            Path root;
            Path real;
            try {
                root = (base == null ? Path.of("") : base).toAbsolutePath().toRealPath();
                real = file.toRealPath();
            } catch (java.nio.file.NoSuchFileException e) {
                throw new InvalidInputException(List.of(new io.posmortem.model.Problem("input.not-found", file.toString(), "", 0, 0,
                        "file not found", null, "check the path (it is relative to the symptom file)")));
            } catch (java.io.IOException | SecurityException e) {
                throw new InvalidInputException(List.of(new io.posmortem.model.Problem("input.unreadable", file.toString(), "", 0, 0,
                        "cannot resolve the path: " + e.getMessage(), null, null)));
            }
            if (!real.startsWith(root)) throw outside(file);
        }
        return read(file);
    }

    private static InvalidInputException outside(Path file) {
        return new InvalidInputException(List.of(new io.posmortem.model.Problem("input.config-outside", file.toString(), "", 0, 0,
                "the config lies outside the symptom file's directory (after resolving '..' and symbolic links)",
                "a config.json in the symptom file's directory or below it",
                "copy the config next to the symptom file, or pass --allow-config-anywhere if you trust the file")));
    }

    /** A parse problem of a config without the parser's words, which can quote the file's content. */
    private static io.posmortem.model.Problem withoutContent(io.posmortem.model.Problem p) {
        if (!p.code().startsWith("syntax")) return p;
        String message = p.line() > 0 ? "the file is not valid JSON (first error at line " + p.line() + ", column " + p.column() + ")"
                : "the file is not valid JSON";
        return new io.posmortem.model.Problem(p.code(), p.source(), p.pointer(), p.line(), p.column(), message, "a JSON object",
                "its content is not shown: the file may not be a config at all");
    }

    public static ModelConfig read(LocatedDocument doc) throws InvalidInputException {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            throw new InvalidInputException(List.of(doc.problem("config.structure", "", "a config must be a JSON object", "an object", null)));
        }
        String modelType = root.path("model_type").asString(null);
        List<ModelConfig.Entry> entries = new ArrayList<>();
        for (String key : root.propertyNames()) {
            if (POSITIONAL_KEYS.contains(key) && !root.get(key).isObject()) {
                entries.add(new ModelConfig.Entry("top", key, "/" + LocatedDocument.escape(key), scalar(root.get(key))));
            }
        }
        boolean alibi = "bloom".equals(modelType) || root.path("attn_config").path("alibi").asBoolean(false) || root.path("alibi").asBoolean(false);
        boolean t5 = root.has("relative_attention_num_buckets");
        boolean rope = root.has("rope_theta") || root.has("rope_scaling") || root.has("rope_parameters")
                || (!alibi && !t5 && !root.has("n_positions"));
        Integer heads = integer(root, "num_attention_heads", "n_head", "n_heads", "num_heads");
        Integer hidden = integer(root, "hidden_size", "d_model", "n_embd");
        Integer headDim = integer(root, "head_dim", "d_kv");
        if (headDim == null && hidden != null && heads != null && heads > 0) headDim = hidden / heads;
        if (alibi) {
            return new ModelConfig(doc.source(), modelType, Encoding.ALIBI, headDim, heads, integer(root, "max_seq_len", "seq_length"),
                    null, null, null, null, null, null, Map.of(), null, null, List.copyOf(entries));
        }
        if (t5) {
            int buckets = root.get("relative_attention_num_buckets").asInt();
            Integer maxDistance = integer(root, "relative_attention_max_distance");
            return new ModelConfig(doc.source(), modelType, Encoding.T5_BIAS, headDim, heads, integer(root, "n_positions"), null, null, null,
                    null, null, null, Map.of(), null, new BucketSpec(buckets, maxDistance == null ? 128 : maxDistance, false),
                    List.copyOf(entries));
        }
        if (!rope) {
            Integer positions = integer(root, "n_positions", "max_position_embeddings");
            return new ModelConfig(doc.source(), modelType, Encoding.LEARNED, headDim, heads, positions, positions, null, null, null,
                    null, null, Map.of(), null, null, List.copyOf(entries));
        }
        RopeSetup setup = RopeConfigReader.read(doc, RopeConfigReader.Overrides.NONE, true);
        String blockKey = root.has("rope_parameters") ? "rope_parameters" : root.path("rope_scaling").isObject() ? "rope_scaling" : null;
        Map<String, Object> block = new LinkedHashMap<>();
        if (blockKey != null) {
            JsonNode b = root.get(blockKey);
            for (String key : b.propertyNames()) {
                block.put(key, JsonValues.value(b.get(key)));
                entries.add(new ModelConfig.Entry(blockKey, key, "/" + blockKey + "/" + LocatedDocument.escape(key), scalar(b.get(key))));
            }
        }
        RopeMapping configured = blockKey == null ? null : setup.mapping();
        List<io.posmortem.model.Problem> pairProblems = new ArrayList<>();
        if (configured != null) RopeConfigReader.checkPairs(doc, "/" + blockKey, configured, setup.rotaryDims(), pairProblems);
        if (!pairProblems.isEmpty()) throw new InvalidInputException(pairProblems);
        Integer originalTop = integer(root, "original_max_position_embeddings");
        Integer window = root.path("sliding_window").isIntegralNumber() ? root.get("sliding_window").asInt() : null;
        if (window != null && setup.maxPositions() > 0 && window >= setup.maxPositions()) window = null; // a window covering the context is no window
        return new ModelConfig(doc.source(), modelType, Encoding.ROPE, setup.headDim(), heads, setup.trainedContext(), setup.maxPositions(),
                originalTop, setup.base(), (double) setup.rotaryDims() / setup.headDim(), window, blockKey, block, configured, null,
                List.copyOf(entries));
    }

    private static Integer integer(JsonNode root, String... keys) {
        for (String k : keys) if (root.path(k).isIntegralNumber()) return root.get(k).asInt();
        return null;
    }

    private static String scalar(JsonNode n) {
        if (n == null || n.isNull()) return "null";
        if (n.isArray()) return "[" + n.size() + " values]";
        return n.isString() ? n.asString() : n.toString();
    }


}
