package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.evidence.EvidenceCost;
import io.posmortem.model.knowledge.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admissible size checked at intake counts what the evidence loop does: the positions the
 * onset search visits (the loop of CaseEvidence.precision, restated here) plus the target's last
 * position; and the limit falls between the two sides of it.
 */
class EvidenceCostTest {

    static Vocabulary vocabulary;

    @BeforeAll
    static void load() throws Exception {
        vocabulary = KnowledgeBaseLoader.load(Path.of("knowledge-base")).vocabulary();
    }

    static long visited(int target) {
        long n = 0;
        for (int position = 1; position < target; position = position < 64 ? position + 1 : position + 64) n++;
        return n + 1;
    }

    @Test
    void angleSamplesCountThePositionsTheOnsetSearchVisits() {
        for (int target = 1; target <= 3000; target++) assertEquals(visited(target), EvidenceCost.angleSamples(target), "target " + target);
        Random random = new Random(3L);
        for (int i = 0; i < 200; i++) {
            int target = 1 + random.nextInt(100_000_000);
            assertEquals(visited(target), EvidenceCost.angleSamples(target), "target " + target);
        }
    }

    static String file(int headDim, int target) {
        return "posmortem: 1\nmodel: {positional_encoding: rope, head_dim: " + headDim + ", trained_context: 4096}\n"
                + "builds:\n  - id: b\n    retrofit: {kind: rope-linear, target_context: " + target + "}\n"
                + "    runtime: {rope_dtype: bf16}\n    observations: [{capability: local-syntax, outcome: degraded}]\n";
    }

    @Test
    void theLimitSeparatesTheLargestAdmissibleInputFromTheNext() throws Exception {
        // 2,048 pairs (head_dim 4096): samples = 65 + floor((t - 65) / 64); 1,558,464 tokens sample
        // 24,414 positions (49,999,872 evaluations), 1,558,465 sample 24,415 (50,001,920).
        assertEquals(24_414, EvidenceCost.angleSamples(1_558_464));
        assertEquals(24_415, EvidenceCost.angleSamples(1_558_465));
        SymptomFileReader reader = new SymptomFileReader(vocabulary);
        reader.read(SourceText.of("fits.yaml", file(4096, 1_558_464).getBytes(StandardCharsets.UTF_8)));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> reader.read(SourceText.of("too-costly.yaml", file(4096, 1_558_465).getBytes(StandardCharsets.UTF_8))));
        assertEquals("value.too-costly", e.problems().get(0).code());
        assertEquals("/builds/0/runtime/rope_dtype", e.problems().get(0).pointer());
        assertEquals(6, e.problems().get(0).line());
    }
}
