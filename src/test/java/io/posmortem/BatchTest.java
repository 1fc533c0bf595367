package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.cli.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Batch triage: one record per input, in input order, good ones identical to single-file runs, hostile ones isolated. */
class BatchTest {

    static final List<String> INPUTS = List.of(
            "fixtures/seed/founding-case.yaml",
            "fixtures/invalid/alias-bomb.yaml",
            "fixtures/contrast/t5-far-precision.yaml",
            "fixtures/invalid/binary.yaml",
            "fixtures/invalid/deep-nesting.json",
            "fixtures/classes/prompt-truncated.yaml",
            "no/such/file.yaml",
            "fixtures/invalid/huge-number.yaml",
            "fixtures/statistics/significant-counts.yaml");

    @Test
    void goodAndHostileInputsGiveOneRecordEachInInputOrder() {
        List<String> args = new ArrayList<>(List.of("triage", "--format", "json", "--detail", "full", "--jobs", "3"));
        args.addAll(INPUTS);
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
        String[] lines = cli.out().split("\n");
        assertEquals(INPUTS.size(), lines.length, cli.out());
        JsonMapper mapper = JsonMapper.builder().build();
        for (int i = 0; i < lines.length; i++) {
            JsonNode record = mapper.readTree(lines[i]);
            assertEquals(INPUTS.get(i), record.path("input").asString(), "record " + i + " is for input " + i);
            boolean hostile = INPUTS.get(i).contains("invalid") || INPUTS.get(i).startsWith("no/");
            assertEquals(hostile ? "invalid" : "diagnosed", record.path("status").asString(), INPUTS.get(i));
            if (!hostile) {
                JsonNode single = mapper.readTree(Cli.run("triage", "--format", "json", INPUTS.get(i)).out());
                assertEquals(single, record, INPUTS.get(i) + ": with --detail full the batch record equals the single-file report");
            }
        }
        assertTrue(cli.err().contains("posmortem: 9 input(s): 4 triaged, 5 invalid, 0 failed"), cli.err());
    }

    @Test
    void aListOfPathsOnStandardInput(@TempDir Path dir) throws Exception {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(("# inputs\nfixtures/seed/founding-case.yaml\n\nfixtures/invalid/empty.yaml\n")
                    .getBytes(StandardCharsets.UTF_8)));
            Cli cli = Cli.run("triage", "--format", "json", "--out", dir.toString(), "-");
            assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
            String[] lines = cli.out().split("\n");
            assertEquals(2, lines.length, cli.out());
            assertTrue(lines[0].startsWith("diagnosed\tfixtures/seed/founding-case.yaml\t"), lines[0]);
            assertTrue(lines[1].startsWith("invalid\tfixtures/invalid/empty.yaml\t"), lines[1]);
            try (var files = Files.list(dir)) {
                assertEquals(2, files.count(), "one report file per input, written atomically");
            }
        } finally {
            System.setIn(stdin);
        }
    }
}
