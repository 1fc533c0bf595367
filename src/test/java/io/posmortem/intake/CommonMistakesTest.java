package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.knowledge.Vocabulary;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table of common mistakes stays true to the format: every wrong name is refused where the
 * table places it, and every right name is accepted there (by the schema, or by the knowledge base
 * for retrofit kinds and capabilities).
 */
class CommonMistakesTest {

    static JsonNode schema;
    static Vocabulary vocabulary;
    static final CommonMistakes TABLE = SymptomSchema.mistakes();

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = CommonMistakesTest.class.getResourceAsStream(SymptomSchema.RESOURCE)) {
            schema = JsonMapper.builder().build().readTree(in);
        }
        vocabulary = KnowledgeBaseLoader.load(Path.of("knowledge-base")).vocabulary();
    }

    /** The schema of the node at {@code pattern}: properties by name, array items for '*', references followed. */
    static JsonNode schemaAt(String pattern) {
        JsonNode node = resolve(schema);
        for (String step : pattern.substring(1).split("/")) {
            node = resolve(step.equals("*") ? node.path("items") : node.path("properties").path(step));
            assertFalse(node.isMissingNode(), "the schema has no " + pattern);
        }
        return node;
    }

    static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) node = schema.at(node.get("$ref").asString().substring(1));
        return node;
    }

    /** The names accepted at a value's pattern: the schema's enum, or the knowledge base's ids. */
    static Set<String> accepted(String pattern) {
        if (pattern.endsWith("/retrofit/kind")) return vocabulary.retrofitFamilies().keySet();
        if (pattern.endsWith("/capability")) return Set.copyOf(vocabulary.capabilities());
        List<String> values = new ArrayList<>();
        schemaAt(pattern).path("enum").forEach(v -> values.add(v.asString()));
        assertFalse(values.isEmpty(), pattern + " has no enumerated values");
        return Set.copyOf(values);
    }

    @Test
    void everyFieldEntryNamesAFieldTheSchemaHasInsteadOfOneItRefuses() {
        assertFalse(TABLE.fields().isEmpty());
        for (CommonMistakes.Entry e : TABLE.fields()) {
            JsonNode object = schemaAt(e.at());
            assertFalse(object.path("properties").has(e.wrong()), e + ": the wrong name is accepted");
            if (e.right() != null) assertTrue(object.path("properties").has(e.right()), e + ": the right name is not a field there");
            else assertNotNull(e.note(), e + ": an entry without a right name says why");
        }
    }

    @Test
    void everyValueEntryNamesAnAcceptedValueInsteadOfARefusedOne() {
        for (CommonMistakes.Entry e : TABLE.values()) {
            Set<String> accepted = accepted(e.at());
            assertFalse(accepted.stream().anyMatch(a -> a.equalsIgnoreCase(e.wrong())), e + ": the wrong name is accepted");
            if (e.right() != null) assertTrue(accepted.contains(e.right()), e + ": the right name is not accepted there");
            else assertNotNull(e.note(), e + ": an entry without a right name says why");
        }
    }

    @Test
    void everyTypeEntryIsAboutAFieldOfAnotherType() {
        for (CommonMistakes.TypeEntry t : TABLE.types()) {
            String declared = schemaAt(t.at()).path("type").asString();
            assertFalse(declared.isEmpty(), t.at());
            assertFalse(declared.equals(t.found()) || declared.equals("integer") && t.found().equals("number"), t + " is the declared type");
        }
    }

    @Test
    void theTableComesFirstThenTheClosestName() {
        assertEquals(Optional.of("did you mean 'degraded'?"), TABLE.valueHint("/builds/3/observations/0/outcome", "Worse",
                Set.of("degraded", "preserved", "improved")), "the table matches regardless of case");
        assertEquals(Optional.of("did you mean 'degraded'?"), TABLE.valueHint("/builds/3/observations/0/outcome", "degradd",
                Set.of("degraded", "preserved", "improved")));
        assertEquals(Optional.empty(), TABLE.valueHint("/model/positional_encoding", "worse", Set.of("rope", "alibi")),
                "an entry applies only where the table places it");
        assertTrue(CommonMistakes.matches("/builds/*/runtime", "/builds/12/runtime"));
        assertFalse(CommonMistakes.matches("/builds/*/runtime", "/builds/1/runtime/engine"));
    }
}
