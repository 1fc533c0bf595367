package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.intake.SymptomInput.BuildInput;
import io.posmortem.intake.SymptomInput.ObservationInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A schema-valid document binds field for field: values as written, null where left out, nothing resolved yet. */
class SymptomInputTest {

    private static final String FILE = """
            posmortem: 1
            model:
              positional_encoding: rope
              head_dim: 64
              trained_context: 4096
              rope_base: 500000.5
            builds:
              - id: b1
                retrofit:
                  kind: rope-linear
                  factor: 4
                  rope_scaling: {rope_type: linear, factor: 4.0}
                  fine_tuned: false
                runtime:
                  engine: vllm
                  kv_cache_dtype: fp8
                  prefix_caching: true
                observations:
                  - capability: local-syntax
                    outcome: degraded
                    context: {from: 1000, to: 16000}
                    counts: {successes: 3, trials: 10, baseline: {successes: 9, trials: 10}}
            """;

    @Test
    void bindsAsWrittenAndLeavesOutWhatIsNotGiven() throws Exception {
        LocatedDocument doc = LocatedDocument.parse(SourceText.of("t.yaml", FILE.getBytes(StandardCharsets.UTF_8)), LocatedDocument.Syntax.YAML);
        assertEquals(List.of(), SymptomSchema.v1().validate(doc));
        SymptomInput in = SymptomInput.of(doc);
        assertNull(in.title());
        assertEquals("rope", in.model().positionalEncoding());
        assertEquals(64, in.model().headDim());
        assertNull(in.model().heads(), "left out: the resolver applies the default, not the binding");
        assertEquals(500000.5, in.model().ropeBase());
        BuildInput b = in.builds().get(0);
        assertEquals(4.0, b.retrofit().factor());
        assertNull(b.retrofit().targetContext());
        assertEquals(Boolean.FALSE, b.retrofit().fineTuned());
        assertTrue(b.retrofit().ropeScaling().isObject());
        assertEquals("fp8", b.runtime().kvCacheDtype());
        assertEquals(Boolean.TRUE, b.runtime().prefixCaching());
        assertNull(b.runtime().slidingWindow(), "not reported stays null");
        assertNull(b.whatIf());
        ObservationInput o = b.observations().get(0);
        assertNull(o.id());
        assertEquals(16000, o.context().to());
        assertEquals(9, o.counts().baseline().successes());
        assertNull(o.counts().baseline().baseline());
        assertNull(o.worsensWithLength());
    }

    @Test
    void everySchemaValidFixtureBinds() throws Exception {
        int bound = 0;
        try (Stream<Path> files = Files.walk(Path.of("fixtures"))) {
            for (Path f : files.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
                LocatedDocument doc;
                try {
                    doc = LocatedDocument.parse(SourceText.read(f), LocatedDocument.syntaxOf(f.toString(), Files.readString(f)));
                } catch (InvalidInputException | java.io.IOException e) {
                    continue; // unreadable or not a document: refused before binding
                }
                Object version = doc.root().path("posmortem").isNumber() ? doc.root().get("posmortem").numberValue() : null;
                if (!SymptomSchema.forVersion(version).validate(doc).isEmpty()) continue;
                SymptomInput in = SymptomInput.of(doc); // throws if the schema let through what does not bind
                assertTrue(!in.builds().isEmpty(), f.toString());
                bound++;
            }
        }
        assertTrue(bound >= 40, "schema-valid fixtures bound: " + bound);
    }
}
