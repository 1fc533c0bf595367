package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link DocumentSchema#check} answers a tree it found valid before from memory, and only such a tree. */
class ValidDocumentMemoTest {

    private static LocatedDocument parse(String name, String text) throws InvalidInputException {
        SourceText source = SourceText.of(name, text.getBytes(StandardCharsets.UTF_8));
        return LocatedDocument.parse(source, LocatedDocument.syntaxOf(name, text));
    }

    /**
     * Every symptom file in the fixtures (valid and invalid), checked twice by the shared schemas
     * (the second time after every file was checked once) and once by schemas loaded afresh, with
     * no memory: the same problems, at the same places, and the same unusable nodes.
     */
    @Test
    void rememberedAndFreshValidationsAgree() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("fixtures"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().contains("/configs/") && !p.toString().contains("/broken-rules/")).sorted().toList();
        }
        DocumentSchema freshV1 = DocumentSchema.load(SymptomSchema.RESOURCE_V1, SymptomSchema.mistakes());
        DocumentSchema freshV2 = DocumentSchema.load(SymptomSchema.RESOURCE, SymptomSchema.mistakes());
        int valid = 0;
        int invalid = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (Path file : files) {
                LocatedDocument doc;
                try {
                    doc = parse(file.toString(), Files.readString(file));
                } catch (InvalidInputException | java.nio.charset.MalformedInputException e) {
                    continue;
                }
                for (boolean v1 : new boolean[] {true, false}) {
                    DocumentSchema.Validation want = (v1 ? freshV1 : freshV2).check(doc);
                    assertEquals(want, (v1 ? SymptomSchema.v1() : SymptomSchema.v2()).check(doc), file + (v1 ? " (v1)" : " (v2)") + ", pass " + pass);
                    if (pass == 0 && !v1) {
                        if (want.problems().isEmpty()) valid++;
                        else invalid++;
                    }
                }
            }
        }
        assertTrue(valid >= 100 && invalid >= 20, "valid " + valid + ", invalid " + invalid);
    }

    /**
     * A valid file moved down by comment lines is valid from memory; the same file with a wrong
     * value (another tree) is checked afresh, its problem located on its own line.
     */
    @Test
    void onlyAValidTreeIsRemembered() throws Exception {
        String text = Files.readString(Path.of("fixtures/seed/founding-case.yaml"));
        DocumentSchema schema = DocumentSchema.loadForMany(SymptomSchema.RESOURCE, SymptomSchema.mistakes());
        assertEquals(List.of(), schema.check(parse("a.yaml", text)).problems());
        assertEquals(List.of(), schema.check(parse("b.yaml", "# one\n# two\n" + text)).problems());
        String broken = "# one\n# two\n" + text.replaceFirst("target_context: 32768", "target_context: -5");
        List<Problem> problems = schema.check(parse("c.yaml", broken)).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("c.yaml", problems.get(0).source());
        int line = 1 + (int) broken.substring(0, broken.indexOf("target_context: -5")).chars().filter(c -> c == '\n').count();
        assertEquals(line, problems.get(0).line());
        assertEquals(problems, schema.check(parse("c.yaml", broken)).problems(), "a tree with problems is checked again, the same way");
    }
}
