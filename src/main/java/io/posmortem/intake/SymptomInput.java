package io.posmortem.intake;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A symptom file that passed its schema ({@code schema/symptom-file-v2.schema.json}, or v1 for a
 * version-1 file, whose fields are a subset), bound by
 * Jackson field for field (snake_case keys): every value as written, {@code null} where the file
 * leaves it out. The schema makes binding total — every type matches and every integer is bounded
 * to fit an {@code int} — so nothing here is checked again; {@link SymptomFileReader} resolves the
 * result (defaults, config.json values and derived values, each recorded as an assumption).
 * Blocks read by {@link RopeConfigReader} ({@code rope_scaling}, {@code what_if}) stay trees.
 */
record SymptomInput(String title, ModelInput model, List<BuildInput> builds) {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // posmortem (the format version) and expect are not part of a triage input
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Binds a schema-valid document. */
    static SymptomInput of(LocatedDocument doc) {
        try {
            return MAPPER.treeToValue(doc.root(), SymptomInput.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("the symptom-file schema accepted a document that does not bind: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Binds the parts of a document its schema accepts: every node at an {@code invalid} pointer is
     * bound as absent (null), so the checks on the rest can still run. Empty when the root itself is
     * unusable, or when what remains still does not bind (then only the schema's problems are told).
     */
    static java.util.Optional<SymptomInput> ofValidParts(LocatedDocument doc, java.util.Set<String> invalid) {
        if (invalid.contains("") || !doc.root().isObject()) return java.util.Optional.empty();
        JsonNode pruned = doc.root().deepCopy();
        for (String pointer : invalid) {
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = pruned.at(pointer.substring(0, slash));
            String step = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            if (parent instanceof ObjectNode object && object.has(step)) {
                object.putNull(step);
            } else if (parent instanceof ArrayNode array && step.matches("\\d{1,9}") && Integer.parseInt(step) < array.size()) {
                array.set(Integer.parseInt(step), NullNode.getInstance());
            }
        }
        try {
            return java.util.Optional.of(MAPPER.treeToValue(pruned, SymptomInput.class));
        } catch (JacksonException e) {
            return java.util.Optional.empty();
        }
    }

    record ModelInput(String name, String positionalEncoding, Integer headDim, Integer heads, Integer trainedContext,
                      Double ropeBase, Double rotaryFraction, Integer slidingWindow, String config, BiasInput relativeBias,
                      List<StageInput> trainedStages, String rotaryLayout, LayersInput layers) {
        /** A model block the schema refused as a whole: every field absent. */
        static final ModelInput ABSENT = new ModelInput(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    record StageInput(Integer context, String note) {}

    record LayersInput(Integer globalEvery, Double localRopeBase, Integer localWindow, Boolean localScaled, Integer nopeEvery,
                       Integer chunkedAttention) {}

    record BuildInput(String id, String title, RetrofitInput retrofit, RuntimeInput runtime, List<ObservationInput> observations,
                      JsonNode whatIf) {}

    record RetrofitInput(String kind, Double factor, Double newBase, Integer targetContext, JsonNode ropeScaling,
                         BiasInput relativeBias, Boolean fineTuned, Integer fineTunedContext, String description) {
        /** A retrofit block the schema refused as a whole: every field absent. */
        static final RetrofitInput ABSENT = new RetrofitInput(null, null, null, null, null, null, null, null, null);
    }

    record BiasInput(Integer numBuckets, Integer maxDistance, Boolean bidirectional) {}

    record RuntimeInput(String engine, String version, Double reportedBase, Double reportedFactor, Integer contextWindow,
                        String kvCacheDtype, String ropeDtype, Double attentionFactor, Boolean slidingWindow, Boolean prefixCaching,
                        JsonNode ropeScaling, Double ropeFreqScale, Double ntkAlpha, String scalingApplied, Boolean lognAttention,
                        Integer weightBits, String attentionBackend, String rotaryLayout, Integer rotaryDims, Boolean chunkedAttention,
                        Boolean rotatesNopeLayers, Boolean contextShift, Integer nKeep,
                        Boolean leftPadding, Boolean positionIdsFromMask, Boolean packedSequences, Boolean positionReset,
                        Boolean chunkedPrefill, RemapInput positionRemap) {}

    record RemapInput(String method, Integer groupSize, Integer neighborWindow, Integer chunkSize) {}

    record ObservationInput(String id, String workload, String capability, ContextInput context, String outcome, Integer onset,
                            Boolean worsensWithLength, Boolean shortPromptsChanged, Boolean historyDependent, CountsInput counts,
                            MetricInput metric, String note, Integer promptTokens, Integer generatedTokens, Boolean batchDependent,
                            SourceInput source) {}

    /** Where an imported observation came from ({@code posmortem import} writes it). */
    record SourceInput(String file, String task, String metric) {}

    record ContextInput(Integer from, Integer to) {}

    /** {@code baseline} is the same shape without a baseline of its own. */
    record CountsInput(Integer successes, Integer trials, CountsInput baseline) {}

    record MetricInput(String name, Double value, Double baseline) {}
}
