package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;


import io.posmortem.engine.Triage;
import io.posmortem.evidence.CaseEvidence;
import io.posmortem.evidence.rope.RopeTable;
import io.posmortem.inference.InferenceException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.SourceText;
import io.posmortem.intake.SymptomFileReader;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.knowledge.SubjectPlan;
import io.posmortem.model.Problem;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.SymptomFile;
import io.posmortem.model.positional.RopeMapping;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
                    && !p.toString().contains("configs") && !p.toString().contains("hostile")).sorted().toList();
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
                RopeTable.compute(dims, mapping, trained, seqLen, new io.posmortem.model.knowledge.EvidenceSettings(32, 1, 20, 0.5));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) fail(seed + ": domain error without a message");
            } catch (RuntimeException e) {
                throw new AssertionError(seed + ": " + e, e);
            }
        }
    }

    /**
     * Base documents for the numeric sweep, one per family of evidence: every numeric field of
     * the symptom-file schema appears in at least one (model, rope_scaling of each type, runtime,
     * counts with a baseline, metric, relative_bias, what_if).
     */
    static final String[] SWEEP_BASES = {
        """
        {"posmortem": 1, "model": {"positional_encoding": "rope", "head_dim": 128, "heads": 32, "trained_context": 8192,
          "rope_base": 500000, "rotary_fraction": 1.0, "sliding_window": 4096},
         "builds": [{"id": "b", "retrofit": {"kind": "rope-configured", "factor": 8, "new_base": 1000000, "target_context": 65536,
            "fine_tuned": true, "fine_tuned_context": 65536,
            "rope_scaling": {"rope_type": "llama3", "factor": 8, "low_freq_factor": 1, "high_freq_factor": 4,
              "original_max_position_embeddings": 8192}},
          "runtime": {"reported_base": 500000, "reported_factor": 8, "context_window": 65536, "attention_factor": 1, "rope_dtype": "bf16"},
          "what_if": {"rope_type": "yarn", "factor": 8, "beta_fast": 32, "beta_slow": 1, "attention_factor": 1.1, "mscale": 1,
            "mscale_all_dim": 1, "original_max_position_embeddings": 8192},
          "observations": [
            {"capability": "local-syntax", "context": {"from": 1000, "to": 65536}, "onset": 2000,
             "counts": {"successes": 40, "trials": 100, "baseline": {"successes": 90, "trials": 100}}},
            {"capability": "long-range-reference", "context": {"from": 8192, "to": 65536},
             "metric": {"name": "perplexity", "value": 7.0, "baseline": 6.2}}]}]}
        """,
        """
        {"posmortem": 1, "model": {"positional_encoding": "rope", "head_dim": 8, "trained_context": 4096, "rotary_fraction": 1.0},
         "builds": [{"id": "b", "retrofit": {"kind": "rope-configured", "target_context": 65536,
            "rope_scaling": {"rope_type": "longrope", "factor": 16, "original_max_position_embeddings": 4096, "attention_factor": 1.2,
              "short_factor": [1.0, 1.0, 1.5, 2.0], "long_factor": [1.0, 2.0, 8.0, 16.0]}},
          "runtime": {"rope_dtype": "fp16"},
          "observations": [{"capability": "local-syntax", "outcome": "degraded",
             "counts": {"successes": 0, "trials": 1, "baseline": {"successes": 1, "trials": 1}}}]}]}
        """,
        """
        {"posmortem": 1, "model": {"positional_encoding": "rope", "trained_context": 4096},
         "builds": [{"id": "b", "retrofit": {"kind": "rope-base-scaling", "target_context": 32768,
            "rope_scaling": {"type": "dynamic", "factor": 4}},
          "runtime": {"reported_base": 80000, "reported_factor": 4},
          "observations": [{"capability": "local-syntax", "outcome": "degraded", "worsens_with_length": true}]}]}
        """,
        """
        {"posmortem": 1, "model": {"positional_encoding": "t5-bias", "heads": 12, "trained_context": 512,
          "relative_bias": {"num_buckets": 32, "max_distance": 128, "bidirectional": false}},
         "builds": [{"id": "b", "retrofit": {"kind": "t5-bias", "factor": 4,
            "relative_bias": {"num_buckets": 32, "max_distance": 128, "bidirectional": true}},
          "observations": [{"capability": "early-instruction-adherence", "context": {"from": 1500, "to": 2048}, "outcome": "degraded"}]}]}
        """,
        """
        {"posmortem": 1, "model": {"positional_encoding": "alibi", "heads": 16, "trained_context": 2048},
         "builds": [{"id": "b", "retrofit": {"kind": "alibi", "target_context": 8192},
          "observations": [{"capability": "long-range-reference", "context": {"from": 4000, "to": 8192}, "outcome": "degraded",
             "metric": {"name": "accuracy", "value": 0.3, "baseline": 0.6}}]}]}
        """
    };

    /** Values put in every numeric field: non-finite, signed zero, edges, underflow, overflow of int and long, wrong types. */
    static final String[] SWEEP_VALUES = {".nan", ".inf", "-.inf", "-0", "-0.0", "0", "-1", "1", "1e308", "4.9e-324", "2.2e-308",
        "2147483648", "9223372036854775808", "1e15", "0.5", "2", "100000000", "\"strings\"", "true"};

    /**
     * Every numeric field of every sweep base set to every sweep value, through the whole pipeline
     * (intake, evidence, the stock rules): each input must be triaged or rejected with located
     * problems; an exception, an error or a failed run (with the stock rules, a failure can only
     * come from the numbers) is a finding. All findings are listed together.
     */
    @Test
    void everyNumericFieldAtEveryEdgeIsTriagedOrRejectedWithALocation() throws Exception {
        Triage triage = Triage.load(Path.of("rules"), Path.of("knowledge-base")).withBudget(Duration.ofSeconds(20));
        ObjectMapper json = new ObjectMapper();
        List<String> findings = new ArrayList<>();
        int cases = 0;
        int triaged = 0;
        for (int b = 0; b < SWEEP_BASES.length; b++) {
            JsonNode base = json.readTree(SWEEP_BASES[b]);
            // Each base is a valid input: the sweep changes one value of a file that triages.
            triage.run(SourceText.of("sweep-" + b + ".yaml", SWEEP_BASES[b].getBytes(StandardCharsets.UTF_8)));
            for (Variant v : variants(json, base)) {
                cases++;
                String name = "sweep-" + b + v.pointer().replace('/', '.') + "=" + v.value().replace("\"", "") + ".yaml";
                String finding = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sweepOne(triage, name, v.text()),
                        () -> name + " did not finish");
                if (finding == null) continue;
                if (finding.isEmpty()) triaged++;
                else findings.add(finding);
            }
        }
        assertTrue(cases > 500, "the sweep covers " + cases + " cases");
        assertTrue(triaged > cases / 10, "only " + triaged + " of " + cases + " cases were triaged: the bases are not exercised");
        System.out.println("numeric sweep: " + cases + " cases, " + triaged + " triaged, the others rejected with a location");
        assertTrue(findings.isEmpty(), findings.size() + " of " + cases + " cases:\n" + String.join("\n", findings));
    }

    /**
     * The same values in every key of a what-if block given on the command line
     * ({@code triage --what-if}), for each rope type that reads them.
     */
    @Test
    void everyWhatIfValueOnTheCommandLineIsTriagedOrRejectedWithALocation() throws Exception {
        Triage triage = Triage.load(Path.of("rules"), Path.of("knowledge-base")).withBudget(Duration.ofSeconds(20));
        Path input = Path.of("fixtures/seed/founding-case.yaml");
        String[] blocks = {
            "{\"rope_type\": \"yarn\", \"factor\": 8, \"beta_fast\": 32, \"beta_slow\": 1, \"attention_factor\": 1.1, "
                    + "\"mscale\": 1, \"mscale_all_dim\": 1, \"original_max_position_embeddings\": 4096}",
            "{\"rope_type\": \"llama3\", \"factor\": 8, \"low_freq_factor\": 1, \"high_freq_factor\": 4}",
            "{\"rope_type\": \"dynamic\", \"factor\": 4}"};
        ObjectMapper json = new ObjectMapper();
        List<String> findings = new ArrayList<>();
        int cases = 0;
        for (String block : blocks) {
            for (Variant v : variants(json, json.readTree(block))) {
                cases++;
                String whatIf = v.text();
                String finding = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    try {
                        triage.run(input, null, whatIf);
                        return null;
                    } catch (InvalidInputException e) {
                        boolean located = !e.problems().isEmpty()
                                && e.problems().stream().allMatch(p -> !p.pointer().isEmpty() || p.line() > 0);
                        return located ? null : whatIf + ": rejected without a location";
                    } catch (InferenceException e) {
                        return whatIf + ": failed: " + e.problem().oneLine();
                    } catch (RuntimeException | StackOverflowError e) {
                        return whatIf + ": " + e;
                    }
                }, () -> whatIf + " did not finish");
                if (finding != null) findings.add(finding);
            }
        }
        assertTrue(findings.isEmpty(), findings.size() + " of " + cases + " cases:\n" + String.join("\n", findings));
    }

    /** One numeric field of a document set to one sweep value, written back as JSON. */
    record Variant(String pointer, String value, String text) {}

    /** Every numeric field of {@code base} set to every {@link #SWEEP_VALUES} value, one at a time. */
    static List<Variant> variants(ObjectMapper json, JsonNode base) throws Exception {
        List<String> pointers = new ArrayList<>();
        numericPointers(base, "", pointers);
        List<Variant> out = new ArrayList<>();
        for (String pointer : pointers) {
            for (String value : SWEEP_VALUES) {
                JsonNode doc = base.deepCopy();
                set(doc, pointer, "@@value@@");
                out.add(new Variant(pointer, value, json.writeValueAsString(doc).replace("\"@@value@@\"", value)));
            }
        }
        return out;
    }

    /** null: rejected with located problems; "": triaged; otherwise the finding. */
    static String sweepOne(Triage triage, String name, String text) {
        try {
            triage.run(SourceText.of(name, text.getBytes(StandardCharsets.UTF_8)));
            return "";
        } catch (InvalidInputException e) {
            if (e.problems().isEmpty()) return name + ": rejected without a problem";
            for (Problem p : e.problems()) {
                if (p.pointer().isEmpty() && p.line() == 0) return name + ": problem without a location: " + p.oneLine();
            }
            return null;
        } catch (InferenceException e) {
            return name + ": failed: " + e.problem().oneLine();
        } catch (RuntimeException | StackOverflowError e) {
            return name + ": " + e;
        }
    }

    static void numericPointers(JsonNode node, String pointer, List<String> out) {
        if (node.isNumber()) {
            out.add(pointer);
        } else if (node.isObject()) {
            for (String key : node.propertyNames()) numericPointers(node.get(key), pointer + "/" + key, out);
        } else if (node.isArray()) {
            // One element stands for the list: the checks are per element.
            if (!node.isEmpty()) numericPointers(node.get(0), pointer + "/0", out);
            for (int i = 1; i < node.size(); i++) if (!node.get(i).isNumber()) numericPointers(node.get(i), pointer + "/" + i, out);
        }
    }

    static void set(JsonNode root, String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode o) o.put(key, value);
        else ((ArrayNode) parent).set(Integer.parseInt(key), value);
    }

    static double pick(Random r, double... values) {
        return values[r.nextInt(values.length)];
    }

    static int pick(Random r, int[] values) {
        return values[r.nextInt(values.length)];
    }
}
