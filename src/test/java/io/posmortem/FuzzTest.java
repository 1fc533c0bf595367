package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.posmortem.evidence.CaseEvidence;
import io.posmortem.evidence.rope.RopeTable;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.SourceText;
import io.posmortem.intake.SymptomFileReader;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.knowledge.SubjectPlan;
import io.posmortem.model.BuildSpec;
import io.posmortem.model.RopeMapping;
import io.posmortem.model.SymptomFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for intake and evidence: mutated fixtures must either be read or rejected
 * with located problems, and whatever is read must go through the evidence engine; random RoPE
 * parameters must give numbers or an IllegalArgumentException naming the parameter. No other
 * exception and no hang (each case is cut off after 10 s). Iterations: -Dfuzz.iterations (default
 * 300, a few seconds); the seed of a failure is in its message.
 */
class FuzzTest {

    static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 300);
    static final String[] TOKENS = {"[", "]", "{", "}", ":", ",", "- ", "&a ", "*a", "!!binary ", "1e999", "-1", ".nan", "0",
            "\"", "'", "\n", "\t", "  ", "#", "?", "|\n", ">\n", "\u0000", "\u00e9", "null", "true", "9999999999999999999999",
            "capability: local-syntax", "outcome: degraded", "kind: rope-linear"};

    @Test
    void mutatedSymptomFilesAreReadOrRejectedNeverCrash() throws Exception {
        KnowledgeBase kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        SymptomFileReader reader = new SymptomFileReader(kb.vocabulary());
        List<Path> seeds;
        try (Stream<Path> files = Files.walk(Path.of("fixtures"))) {
            seeds = files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("invalid")
                    && !p.toString().contains("configs")).sorted().toList();
        }
        long base = Long.getLong("fuzz.seed", 20261128L);
        for (int i = 0; i < ITERATIONS; i++) {
            long seed = base + i;
            Random random = new Random(seed);
            String text = Files.readString(seeds.get(random.nextInt(seeds.size())));
            String mutated = mutate(text, random);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    SymptomFile file = reader.read(SourceText.of("fuzz-" + seed + ".yaml", mutated.getBytes(StandardCharsets.UTF_8)));
                    for (BuildSpec b : file.builds()) {
                        CaseEvidence.compute(file.model(), file.modelConfig(), b, SubjectPlan.buildCase(b, file.model(), kb),
                                SubjectPlan.subjects(b, file.model(), kb), kb.evidenceSettings(), kb.statisticsSettings());
                    }
                } catch (InvalidInputException e) {
                    if (e.problems().isEmpty()) fail("seed " + seed + ": rejected without a problem");
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("seed " + seed + ": " + e + "\n--- input ---\n" + mutated, e);
                }
            }, () -> "seed " + seed + " did not finish");
        }
    }

    static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(20)));
                case 2 -> sb.setCharAt(Math.min(at, Math.max(0, sb.length() - 1)), (char) (32 + random.nextInt(95)));
                default -> {
                    int end = Math.min(sb.length(), at + random.nextInt(60));
                    sb.insert(end, sb.substring(at, end));
                }
            }
        }
        return sb.toString();
    }

    @Test
    void randomRopeParametersGiveNumbersOrANamedDomainError() {
        Random random = new Random(Long.getLong("fuzz.seed", 20261128L));
        for (int i = 0; i < ITERATIONS * 3; i++) {
            int dims = random.nextInt(5) == 0 ? random.nextInt(300) - 20 : 2 * (1 + random.nextInt(128));
            double base = pick(random, 10_000, 500_000, 1e6, 1.0, 0.5, Double.NaN, -5, 1e300);
            double factor = pick(random, 1, 2, 8, 32, 0.5, 0, Double.POSITIVE_INFINITY, 1e9);
            int trained = pick(random, new int[] {4096, 2, 1, 0, -5, 131_072});
            int seqLen = pick(random, new int[] {1, 4096, 32_768, 0, -1, 1 << 20});
            RopeMapping mapping = switch (random.nextInt(6)) {
                case 0 -> new RopeMapping.Linear(base, factor);
                case 1 -> new RopeMapping.NtkAware(base, factor);
                case 2 -> new RopeMapping.DynamicNtk(base, factor, trained);
                case 3 -> new RopeMapping.Yarn(base, factor, trained, pick(random, 32, 0, -1, 64), pick(random, 1, 0, 2, -3), null);
                case 4 -> new RopeMapping.Llama3(base, factor, pick(random, 1, 4, 0), pick(random, 4, 1, 8), trained);
                default -> new RopeMapping.Default(base);
            };
            String seed = "case " + i + ": dims " + dims + ", " + mapping + ", trained " + trained + ", seq " + seqLen;
            try {
                RopeTable.compute(dims, mapping, trained, seqLen, new io.posmortem.model.EvidenceSettings(32, 1, 20, 0.5));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) fail(seed + ": domain error without a message");
            } catch (RuntimeException e) {
                throw new AssertionError(seed + ": " + e, e);
            }
        }
    }

    static double pick(Random r, double... values) {
        return values[r.nextInt(values.length)];
    }

    static int pick(Random r, int[] values) {
        return values[r.nextInt(values.length)];
    }
}
