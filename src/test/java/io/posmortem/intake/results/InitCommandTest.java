package io.posmortem.intake.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.Cli;
import io.posmortem.intake.SchemaQuestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code posmortem init}: the written file has a blank for each thing only the engineer knows, with
 * the schema's question above it; triage refuses it with one located {@code input.fill-in} problem
 * per blank, and accepts it once they are filled.
 */
class InitCommandTest {

    @TempDir
    Path dir;

    private static int blanks(String text) {
        Matcher m = Pattern.compile(SchemaQuestions.BLANK).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void aBareFileHasEveryBlankWithTheSchemasQuestion() {
        Cli cli = Cli.run("init");
        assertEquals(0, cli.exit(), cli.err());
        String text = cli.out();
        // positional_encoding, trained_context, kind, target_context, fine_tuned, engine, version, and one observation's
        // capability, context from and to, outcome.
        assertEquals(11, blanks(text) - 1, text); // the header names FILL-IN once
        // The questions are the schema's descriptions, not new strings.
        String kind = SchemaQuestions.question("/builds/0/retrofit/kind");
        assertTrue(kind.startsWith("Ask: what was changed"), kind);
        assertTrue(text.replaceAll("\\s*#\\s*", " ").contains(kind.substring(0, 60)), text);
        assertTrue(text.contains("# Ask: which serving engine ran the build?"), text);
        assertTrue(text.contains("# Ask: was the model fine-tuned (or trained) after the change"), text);
    }

    @Test
    void triageRefusesTheFileWhileBlanksRemain() throws Exception {
        Path file = dir.resolve("incident.yaml");
        assertEquals(0, Cli.run("init", "--out", file.toString()).exit());
        Cli cli = Cli.run("triage", file.toString());
        assertEquals(3, cli.exit());
        String err = cli.err().replaceAll("\\s+", " "); // stderr wraps long problem lines
        String text = Files.readString(file);
        assertEquals(blanks(text) - 1, err.split("\\[input.fill-in]", -1).length - 1, err);
        assertTrue(err.contains("/builds/0/runtime/engine: fill in this blank"), err);
        assertTrue(err.contains("Ask: which serving engine ran the build?"), err);
        // Located: the line of the engine's blank.
        int line = 1 + (int) text.substring(0, text.indexOf("engine: FILL-IN")).chars().filter(c -> c == '\n').count();
        assertTrue(err.contains("incident.yaml:" + line + ":"), err);
        // No other problem is told for a blank (FILL-IN is not a boolean, nor a retrofit kind).
        assertFalse(err.contains("[schema.type]") || err.contains("[vocabulary.retrofit-kind]"), err);
        // init does not overwrite a file.
        assertEquals(2, Cli.run("init", "--out", file.toString()).exit());
    }

    @Test
    void aFileFromAConfigAndResultsIsAcceptedOnceFilled() throws Exception {
        Cli cli = Cli.run("init", "--config", "fixtures/configs/real/llama-2-7b.config.json", "--results",
                "fixtures/results/generic/passkey-counts.csv");
        assertEquals(0, cli.exit(), cli.err());
        String text = cli.out();
        // Model numbers from the config (max_position_embeddings 4096, rope_theta 10000), the target from the
        // longest length measured, the observations imported.
        assertTrue(text.contains("positional_encoding: rope"), text);
        assertTrue(text.contains("trained_context: 4096"), text);
        assertTrue(text.contains("target_context: 32768"), text);
        assertTrue(text.contains("counts: {successes: 12, trials: 50, baseline: {successes: 50, trials: 50}}"), text);
        assertEquals(4, blanks(text) - 1, text); // kind, fine_tuned, engine, version
        String filled = text.replace("kind: FILL-IN", "kind: rope-linear").replace("fine_tuned: FILL-IN", "fine_tuned: false")
                .replace("engine: FILL-IN", "engine: vllm").replace("version: FILL-IN", "version: \"0.6.3\"");
        Path file = dir.resolve("filled.yaml");
        Files.writeString(file, filled);
        Cli triage = Cli.run("triage", file.toString());
        assertEquals(0, triage.exit(), triage.out() + triage.err());
        assertTrue(triage.out().contains("build-1  "), triage.out()); // the default build id
    }
}
