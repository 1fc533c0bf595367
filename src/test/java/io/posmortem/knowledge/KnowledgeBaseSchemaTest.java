package io.posmortem.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.intake.DocumentSchema;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.intake.SourceText;
import io.posmortem.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every knowledge-base file has a schema the shipped file passes, and a copy edited through its
 * YAML tree reports what the schema finds with the knowledge base's codes, located, once.
 */
class KnowledgeBaseSchemaTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @Test
    void everyShippedFileHasASchemaItPasses() throws Exception {
        for (String name : KnowledgeBaseLoader.FILES) {
            String resource = "/schema/knowledge-base/" + name.replace(".yaml", "") + ".schema.json";
            assertNotNull(getClass().getResource(resource), resource);
            LocatedDocument doc = LocatedDocument.parse(SourceText.read(Path.of("knowledge-base", name)), LocatedDocument.Syntax.YAML);
            assertEquals(List.of(), DocumentSchema.load(resource).validate(doc), name);
        }
    }

    @Test
    void aWrongTypeIsAFieldProblemAndReferencesToTheEntryAreNotReportedAgain(@TempDir Path dir) throws Exception {
        copy(dir);
        edit(dir, "retrofit-kinds.yaml", root -> ((ObjectNode) root.withArray("retrofit_kinds").get(0)).put("loose", "yes"));
        List<Problem> problems = problems(dir);
        assertEquals(1, problems.size(), problems.toString());
        Problem p = problems.get(0);
        assertEquals("kb.field", p.code());
        assertEquals("/retrofit_kinds/0/loose", p.pointer());
        assertTrue(p.source().endsWith("retrofit-kinds.yaml") && p.line() > 0, p.oneLine());
    }

    @Test
    void aMissingListIsAStructureProblem(@TempDir Path dir) throws Exception {
        copy(dir);
        edit(dir, "fixes.yaml", root -> root.remove("fixes"));
        List<Problem> problems = problems(dir);
        Problem structure = problems.stream().filter(p -> p.code().equals("kb.structure")).findFirst().orElseThrow();
        assertTrue(structure.message().contains("'fixes'"), structure.oneLine());
        // the hypotheses now name fixes nobody defines: those are real dangling references
        assertTrue(problems.stream().anyMatch(p -> p.code().equals("kb.unknown-reference") && p.message().startsWith("unknown fix")));
    }

    @Test
    void aWeightOutsideMinusOneToOneIsAValueProblem(@TempDir Path dir) throws Exception {
        copy(dir);
        edit(dir, "runtime-facts.yaml", root -> ((ObjectNode) root.withArray("rows").get(0)).put("weight", 1.5));
        Problem p = problems(dir).get(0);
        assertEquals("kb.value", p.code());
        assertEquals("/rows/0/weight", p.pointer());
    }

    @Test
    void aWeightThatIsNotANumberIsRefusedBeforeItsRangeIsChecked(@TempDir Path dir) throws Exception {
        // NaN compares false with both bounds, so the schema's range alone would let it through

        copy(dir);
        edit(dir, "runtime-facts.yaml", root -> ((ObjectNode) root.withArray("rows").get(0)).put("weight", Double.NaN));
        Problem p = problems(dir).get(0);
        assertEquals("value.not-finite", p.code());
        assertEquals("/rows/0/weight", p.pointer());
    }

    @Test
    void blankTextAndAMissingFieldAreFieldProblems(@TempDir Path dir) throws Exception {
        copy(dir);
        edit(dir, "capabilities.yaml", root -> {
            ArrayNode caps = root.withArray("capabilities");
            ((ObjectNode) caps.get(0)).put("title", "   ");
            ((ObjectNode) caps.get(1)).remove("examples");
        });
        List<Problem> problems = problems(dir);
        assertTrue(problems.stream().anyMatch(p -> p.code().equals("kb.field") && p.pointer().equals("/capabilities/0/title")
                && p.message().equals("must be a non-empty string")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.code().equals("kb.field") && p.pointer().equals("/capabilities/1")
                && p.message().contains("'examples'")), problems.toString());
    }

    @Test
    void anUnknownTopLevelKeyIsReported(@TempDir Path dir) throws Exception {
        copy(dir);
        edit(dir, "thresholds.yaml", root -> root.putArray("threshold"));
        Problem p = problems(dir).get(0);
        assertEquals("kb.unknown-field", p.code());
        assertEquals("/threshold", p.pointer());
        assertEquals("did you mean 'thresholds'?", p.hint());
    }

    private static void copy(Path dir) throws Exception {
        for (String name : KnowledgeBaseLoader.FILES) Files.copy(Path.of("knowledge-base", name), dir.resolve(name));
    }

    private static void edit(Path dir, String name, Consumer<ObjectNode> change) throws Exception {
        Path file = dir.resolve(name);
        ObjectNode root = (ObjectNode) YAML.readTree(file.toFile());
        change.accept(root);
        Files.writeString(file, YAML.writeValueAsString(root));
    }

    private static List<Problem> problems(Path dir) {
        return assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(dir)).problems();
    }
}
