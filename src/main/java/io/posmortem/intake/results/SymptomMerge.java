package io.posmortem.intake.results;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.intake.SourceText;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * {@code import --into}: adds imported observations to a build of an existing symptom file. The
 * build's earlier observations imported from the same results files (their {@code source.file})
 * are replaced, every other observation is kept; a build the file does not have is added with
 * only its id and observations. A version-1 file is declared version 2 (the source block is a v2
 * field; every v1 field keeps its meaning). The file is written back in its own syntax; YAML
 * comments are not kept.
 */
public final class SymptomMerge {
    private SymptomMerge() {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    /** The merged file's text. */
    public static String into(SourceText existing, String build, List<ImportedObservation> observations, Set<String> files)
            throws InvalidInputException {
        LocatedDocument.Syntax syntax = LocatedDocument.syntaxOf(existing.source(), existing.text());
        LocatedDocument doc = LocatedDocument.parse(existing, syntax);
        if (!doc.root().isObject()) {
            throw new InvalidInputException(List.of(doc.problem("schema.type", "", "the symptom file is not a mapping", "a symptom file", null)));
        }
        ObjectNode root = ((ObjectNode) doc.root()).deepCopy();
        if (root.path("posmortem").isNumber() && root.path("posmortem").asDouble() == 1) root.put("posmortem", 2);
        ArrayNode builds = root.path("builds").isArray() ? (ArrayNode) root.get("builds") : root.putArray("builds");
        ObjectNode target = null;
        for (JsonNode b : builds) {
            if (b.isObject() && build.equals(b.path("id").asString(null))) target = (ObjectNode) b;
        }
        if (target == null) {
            target = builds.addObject();
            target.put("id", build);
        }
        ArrayNode kept = JSON.createArrayNode();
        if (target.path("observations").isArray()) {
            for (JsonNode o : target.get("observations")) {
                if (!files.contains(o.path("source").path("file").asString(""))) kept.add(o);
            }
        }
        JsonNode imported = YAML.readTree(SymptomWriter.observations(observations, ""));
        if (imported != null && imported.isArray()) kept.addAll((ArrayNode) imported);
        target.set("observations", kept);
        return syntax == LocatedDocument.Syntax.JSON ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n"
                : YAML.writeValueAsString(root);
    }
}
