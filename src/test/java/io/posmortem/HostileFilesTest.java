package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.cli.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files that are not what a path promises (FIFOs, devices, directories, configs outside the
 * symptom file's tree, files that are not configs), batches that meet unreadable directories and
 * failing writes, and file names that would break the status lines. Every run is bounded by a
 * generous time limit: the point is that it ends, not how fast.
 */
class HostileFilesTest {

    static final String SEED = "fixtures/seed/founding-case.yaml";
    static final String TRUNCATED = "fixtures/classes/prompt-truncated.yaml";
    static final String DIR = "fixtures/hostile/files/";
    static final Duration BOUND = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static Cli run(String... args) {
        return assertTimeoutPreemptively(BOUND, () -> Cli.run(args));
    }

    /** The JSON records printed: one pretty object for one input, one per line for several. */
    static List<JsonNode> records(Cli cli) {
        List<JsonNode> records = new ArrayList<>();
        try (var values = JSON.readerFor(JsonNode.class).<JsonNode>readValues(cli.out())) {
            values.forEachRemaining(records::add);
        }
        return records;
    }

    static Path fifo(Path dir, String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("mkfifo is not available: " + e.getMessage());
            return null;
        }
        Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo could not create a FIFO here");
        return fifo;
    }

    static String codes(JsonNode record) {
        List<String> codes = new ArrayList<>();
        record.path("errors").forEach(e -> codes.add(e.path("code").asString()));
        return String.join(",", codes);
    }

    @Test
    void aFifoAmongTheInputsIsInvalidAndEveryOtherInputIsReported(@TempDir Path dir) throws Exception {
        Path fifo = fifo(dir, "pipe.yaml");
        Cli cli = run("triage", "--format", "json", "-j", "2", SEED, fifo.toString(), TRUNCATED);
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit(), cli.err());
        List<JsonNode> records = records(cli);
        assertEquals(3, records.size(), cli.out());
        assertEquals("diagnosed", records.get(0).path("status").asString());
        assertEquals("invalid", records.get(1).path("status").asString());
        assertEquals("input.not-regular", codes(records.get(1)));
        assertEquals("diagnosed", records.get(2).path("status").asString());
    }

    @Test
    void aFifoInADirectoryWalkIsThatEntrysInvalidRecord(@TempDir Path dir) throws Exception {
        Files.copy(Path.of(SEED), dir.resolve("a.yaml"));
        fifo(dir, "b.yaml");
        Files.copy(Path.of(TRUNCATED), dir.resolve("c.yaml"));
        Cli cli = run("triage", "--format", "json", dir.toString());
        List<JsonNode> records = records(cli);
        assertEquals(List.of("diagnosed", "invalid", "diagnosed"), records.stream().map(r -> r.path("status").asString()).toList());
        assertEquals("input.not-regular", codes(records.get(1)));
    }

    @Test
    void aFifoAsModelConfigOrAsModelConfigOptionIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
        fifo(dir, "config.json");
        Path symptom = dir.resolve("case.yaml");
        Files.writeString(symptom, Files.readString(Path.of(DIR + "config-directory.yml")).replace("config: \".\"", "config: config.json"));
        Cli named = run("triage", "--format", "json", symptom.toString(), SEED);
        List<JsonNode> records = records(named);
        assertEquals(2, records.size(), named.out());
        assertEquals("input.model-config,input.not-regular", codes(records.get(0)));
        assertEquals("diagnosed", records.get(1).path("status").asString());

        Cli option = run("triage", "--format", "json", "--model-config", dir.resolve("config.json").toString(), TRUNCATED);
        assertEquals(ExitCodes.INVALID_INPUT, option.exit());
        assertEquals("input.not-regular", codes(records(option).get(0)));
    }

    @Test
    void aFifoGivenToExplainDiffIsALocatedProblem(@TempDir Path dir) throws Exception {
        Path fifo = fifo(dir, "trace.json");
        Path trace = dir.resolve("good.json");
        assertEquals(ExitCodes.OK, run("triage", "--trace", trace.toString(), SEED).exit());
        Cli cli = run("explain", "--diff", trace.toString(), fifo.toString());
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.err().contains(fifo + ": the path is not a regular file") && cli.err().contains("[input.not-regular]"), cli.err());
    }

    @Test
    void devStdinAndDirectoriesAreNotRead() {
        Cli stdin = run("triage", "--format", "json", "/dev/stdin", SEED);
        List<JsonNode> records = records(stdin);
        assertEquals("input.not-regular", codes(records.get(0)));
        assertTrue(records.get(0).path("errors").get(0).path("message").asString().contains("/dev"));
        assertEquals("diagnosed", records.get(1).path("status").asString());

        Cli directory = run("triage", "--format", "json", DIR + "config-directory.yml");
        assertEquals(ExitCodes.INVALID_INPUT, directory.exit());
        JsonNode record = records(directory).get(0);
        assertEquals("input.model-config,input.not-regular", codes(record));
        assertEquals("/model/config", record.path("errors").get(0).path("pointer").asString());
        assertEquals(9, record.path("errors").get(0).path("line").asInt(), "the line of model.config in the fixture");
        assertTrue(record.path("errors").get(1).path("message").asString().contains("directory"));
    }

    @Test
    void aModelConfigOutsideTheSymptomFilesTreeIsRefusedUnlessAllowed() {
        Cli refused = run("triage", "--format", "json", DIR + "config-escapes.yml", DIR + "config-dev-stdin.yml");
        assertEquals(ExitCodes.INVALID_INPUT, refused.exit());
        for (JsonNode record : records(refused)) {
            assertEquals("input.model-config,input.config-outside", codes(record));
            assertTrue(record.path("errors").get(1).path("hint").asString().contains("--allow-config-anywhere"));
        }
        // Allowed, /etc/passwd is read: it is no config, and its bytes must not reach the record.
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/etc/passwd")), "needs /etc/passwd");
        Cli allowed = run("triage", "--format", "json", "--allow-config-anywhere", DIR + "config-escapes.yml", DIR + "config-dev-stdin.yml");
        List<JsonNode> records = records(allowed);
        assertEquals("input.model-config,syntax", codes(records.get(0)));
        assertFalse(allowed.out().contains("root") || allowed.err().contains("root"), "no byte of /etc/passwd is echoed:\n" + allowed.out());
        assertEquals("input.model-config,input.not-regular", codes(records.get(1)), "/dev/stdin is never read, even when allowed");
    }

    @Test
    void explainConfinesModelConfigLikeTriage() {
        Cli refused = run("explain", DIR + "config-escapes.yml");
        assertEquals(ExitCodes.INVALID_INPUT, refused.exit());
        assertTrue(refused.err().contains("[input.config-outside]"), refused.err());
        Cli allowed = run("explain", "--allow-config-anywhere", DIR + "config-dev-stdin.yml");
        assertEquals(ExitCodes.INVALID_INPUT, allowed.exit());
        assertTrue(allowed.err().contains("[input.not-regular]"), allowed.err());
    }

    @Test
    void aSymbolicLinkOutOfTheTreeIsRefused(@TempDir Path dir) throws Exception {
        Path inside = Files.createDirectories(dir.resolve("case"));
        Path outside = dir.resolve("secret.json");
        Files.writeString(outside, "{\"rope_theta\": 10000}");
        try {
            Files.createSymbolicLink(inside.resolve("config.json"), outside);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            Assumptions.abort("symbolic links are not supported here");
        }
        Path symptom = inside.resolve("case.yaml");
        Files.writeString(symptom, Files.readString(Path.of(DIR + "config-directory.yml")).replace("config: \".\"", "config: config.json"));
        Cli cli = run("triage", "--format", "json", symptom.toString());
        assertEquals("input.model-config,input.config-outside", codes(records(cli).get(0)));
    }

    @Test
    void aConfigThatIsNotJsonIsLocatedWithoutQuotingIt() throws Exception {
        String secret = Files.readString(Path.of(DIR + "not-a-config.txt")).strip().split(" ")[0];
        for (String format : List.of("json", "text")) {
            Cli cli = run("triage", "--format", format, DIR + "config-not-json.yml");
            assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
            String all = cli.out() + cli.err();
            assertTrue(all.contains("not-a-config.txt:1:1: the file is not valid JSON"), all);
            assertFalse(all.contains(secret), "the config's bytes are not echoed:\n" + all);
            assertFalse(all.contains("Unrecognized token"), all);
        }
    }

    @Test
    void aDirectoryWithoutPermissionIsItsOwnInvalidRecord(@TempDir Path dir) throws Exception {
        Files.copy(Path.of(SEED), Files.createDirectories(dir.resolve("a")).resolve("case.yaml"));
        Path closed = Files.createDirectories(dir.resolve("b"));
        Files.copy(Path.of(SEED), closed.resolve("case.yaml"));
        try {
            Files.setPosixFilePermissions(closed, java.util.Set.of());
            Assumptions.assumeFalse(Files.isReadable(closed), "permissions do not bind this user (root)");
            Cli cli = run("triage", "--format", "json", dir.toString());
            List<JsonNode> records = records(cli);
            assertEquals(2, records.size(), cli.out());
            assertEquals("input.unreadable", codes(records.get(1)));
            assertEquals(closed.toString(), records.get(1).path("input").asString());
        } finally {
            Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aReportThatCannotBeWrittenFailsThatInputOnlyAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        // The report's name is taken by a non-empty directory: the move into place fails, as on a full disk.
        Files.createDirectories(out.resolve("founding-case.json").resolve("occupied"));
        Cli cli = run("triage", "--format", "json", "--out", out.toString(), TRUNCATED, SEED, "fixtures/invalid/empty.yaml");
        assertEquals(ExitCodes.RULES, cli.exit(), "a failed record gives exit 4: " + cli.err());
        String[] lines = cli.out().split("\n");
        assertEquals(3, lines.length, cli.out());
        assertTrue(lines[0].startsWith("diagnosed\t" + TRUNCATED + "\t"), lines[0]);
        assertTrue(lines[1].startsWith("failed\t" + SEED + "\t"), lines[1]);
        assertTrue(lines[2].startsWith("invalid\tfixtures/invalid/empty.yaml\t"), lines[2]);
        assertTrue(cli.err().contains("[output.write]"), cli.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("empty.json", "founding-case.json", "prompt-truncated.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
    }

    @Test
    void aBatchTraceIsOneJsonLinePerTriagedInputInInputOrder(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("traces.jsonl");
        Cli cli = run("triage", "--format", "json", "-j", "3", "--trace", trace.toString(), TRUNCATED, "fixtures/invalid/empty.yaml", SEED);
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
        List<String> lines = Files.readAllLines(trace);
        assertEquals(2, lines.size(), "one line per triaged input; an invalid input has no trace");
        assertEquals(TRUNCATED, JSON.readTree(lines.get(0)).path("input").asString());
        assertEquals(SEED, JSON.readTree(lines.get(1)).path("input").asString());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary trace was moved into place");
        }
        Path single = dir.resolve("single.json");
        run("triage", "--trace", single.toString(), SEED);
        assertTrue(Files.readString(single).startsWith("{\n"), "a single input's trace stays one pretty-printed object");
    }

    @Test
    void aTraceTargetThatIsNotARegularFileIsAUsageError(@TempDir Path dir) throws Exception {
        Path fifo = fifo(dir, "trace.json");
        Cli cli = run("triage", "--trace", fifo.toString(), SEED);
        assertEquals(ExitCodes.USAGE, cli.exit());
        assertTrue(cli.err().contains("not a regular file"), cli.err());
    }

    @Test
    void badLinesInTheStandardInputListAreInvalidRecordsNotARefusedBatch() {
        String list = "# inputs\n" + SEED + "\nbad\0name.yaml\nescape\u001b[2J.yaml\n" + "x".repeat(5000) + ".yaml\n" + TRUNCATED + "\n";
        Cli cli = withStdin(list, () -> run("triage", "--format", "json", "-"));
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit(), cli.err());
        List<JsonNode> records = records(cli);
        assertEquals(5, records.size(), cli.out());
        assertEquals(List.of("diagnosed", "invalid", "invalid", "invalid", "diagnosed"),
                records.stream().map(r -> r.path("status").asString()).toList());
        assertEquals(List.of("<stdin>:3", "<stdin>:4", "<stdin>:5"), records.subList(1, 4).stream().map(r -> r.path("input").asString()).toList());
        for (JsonNode r : records.subList(1, 4)) assertEquals("input.list-entry", codes(r));
        assertFalse(cli.err().contains("\u001b"), "stderr carries no escape sequence");
    }

    @Test
    void aFifoListedOnStandardInputIsInvalidAndTheListGoesOn(@TempDir Path dir) throws Exception {
        Path fifo = fifo(dir, "listed.yaml");
        Cli cli = withStdin(fifo + "\n" + SEED + "\n", () -> run("triage", "--format", "json", "-"));
        List<JsonNode> records = records(cli);
        assertEquals(2, records.size(), cli.out());
        assertEquals("input.not-regular", codes(records.get(0)));
        assertEquals("diagnosed", records.get(1).path("status").asString());
    }

    @Test
    void skipExistingResumesAnInterruptedRun(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(Path.of(SEED), in.resolve("a.yaml"));
        Files.copy(Path.of("fixtures/invalid/empty.yaml"), in.resolve("b.yaml"));
        Files.copy(Path.of(TRUNCATED), in.resolve("c.yaml"));
        Path out = dir.resolve("out");
        Cli first = run("triage", "--format", "json", "--out", out.toString(), "--skip-existing", in.toString());
        assertEquals(ExitCodes.INVALID_INPUT, first.exit());
        assertEquals(List.of("diagnosed", "invalid", "diagnosed"), statuses(first));
        Path reportC = out.resolve("c.json");
        String reportCBefore = Files.readString(reportC);

        // As after a kill: one report is gone; and one input changed since.
        Files.delete(out.resolve("a.json"));
        Files.writeString(in.resolve("c.yaml"), Files.readString(in.resolve("c.yaml")).replace("32k target", "32k target, edited"));
        Cli second = run("triage", "--format", "json", "--out", out.toString(), "--skip-existing", in.toString());
        assertEquals(ExitCodes.INVALID_INPUT, second.exit(), "a skipped invalid input still counts: " + second.err());
        assertEquals(List.of("diagnosed", "skipped", "diagnosed"), statuses(second));
        assertTrue(Files.readString(reportC).contains("32k target, edited") && !Files.readString(reportC).equals(reportCBefore));
        assertTrue(second.err().contains("1 skipped"), second.err());

        Cli third = run("triage", "--format", "json", "--out", out.toString(), "--skip-existing", in.toString());
        assertEquals(List.of("skipped", "skipped", "skipped"), statuses(third));
        // Another option that changes the report: nothing is skipped.
        Cli other = run("triage", "--format", "json", "--out", out.toString(), "--skip-existing", "--with-trace", in.toString());
        assertEquals(List.of("diagnosed", "invalid", "diagnosed"), statuses(other));
        // A run without --skip-existing rewrites the reports and forgets what they were made from.
        run("triage", "--format", "json", "--out", out.toString(), in.toString());
        Cli after = run("triage", "--format", "json", "--out", out.toString(), "--skip-existing", in.toString());
        assertEquals(List.of("diagnosed", "invalid", "diagnosed"), statuses(after));

        assertEquals(ExitCodes.USAGE, run("triage", "--skip-existing", SEED).exit(), "--skip-existing needs --out");
    }

    static List<String> statuses(Cli cli) {
        return cli.out().lines().map(l -> l.substring(0, l.indexOf('\t'))).toList();
    }

    @Test
    void statusLinesEscapeFileNamesAndTheJsonFormatKeepsThem(@TempDir Path dir) throws Exception {
        Path odd;
        try {
            odd = Files.copy(Path.of(SEED), dir.resolve("tab\there\nnew\\line\u001b[31m.yaml"));
        } catch (java.nio.file.InvalidPathException | java.io.IOException e) {
            Assumptions.abort("this file system does not take such a name");
            return;
        }
        Path out = dir.resolve("out");
        Cli text = run("triage", "--out", out.toString(), odd.toString(), TRUNCATED);
        String[] lines = text.out().split("\n");
        assertEquals(2, lines.length, text.out());
        String[] fields = lines[0].split("\t");
        assertEquals(3, fields.length, lines[0]);
        assertEquals(dir + "/tab\\there\\nnew\\\\line\\x1b[31m.yaml", fields[1]);
        assertTrue(fields[2].endsWith("/tab\\there\\nnew\\\\line\\x1b[31m.txt"), fields[2]);
        assertFalse(text.out().contains("\u001b") || text.err().contains("\u001b"));

        Cli json = run("triage", "--out", out.toString(), "--status-format", "json", odd.toString(), TRUNCATED);
        List<JsonNode> records = records(json);
        assertEquals(2, records.size(), json.out());
        assertEquals("diagnosed", records.get(0).path("status").asString());
        assertEquals(odd.toString(), records.get(0).path("input").asString(), "JSON carries the name as it is");
        assertEquals(out.resolve("prompt-truncated.txt").toString(), records.get(1).path("report").asString());
        assertEquals(ExitCodes.USAGE, run("triage", "--status-format", "json", SEED).exit(), "--status-format needs --out");
    }

    @Test
    void userStringsReachTextAndMarkdownCleanedAndJsonAsGiven() {
        String file = DIR + "control-characters.yml";
        for (String format : List.of("text", "markdown")) {
            Cli cli = run("triage", "--format", format, file);
            assertEquals(ExitCodes.OK, cli.exit(), cli.err());
            String report = cli.out();
            for (int i = 0; i < report.length(); i++) {
                char c = report.charAt(i);
                boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
                assertFalse(control, format + ": U+" + Integer.toHexString(c) + " at " + i);
            }
            assertTrue(report.contains("ALL CLEAR"), "the visible words stay");
            assertFalse(report.lines().anyMatch(l -> l.startsWith("# Injected") || l.startsWith("## Build heading")
                    || l.startsWith("Injected heading") || l.startsWith("# not a heading")), format + ":\n" + report);
        }
        Cli json = run("triage", "--format", "json", file);
        JsonNode record = JSON.readTree(json.out());
        assertTrue(record.path("title").asString().contains("\u001b[2J") && record.path("title").asString().contains("\n# Injected"),
                "JSON keeps the title as written (escaped by JSON)");
    }

    @Test
    void invalidValuesWithControlsReachStderrCleaned(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, Files.readString(Path.of(TRUNCATED)).replace("capability: local-syntax", "capability: \"local\\e[2J\\u202Esyntax\""));
        Cli cli = run("triage", file.toString());
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
        assertTrue(cli.err().contains("[vocabulary.capability]") || cli.err().contains("[schema"), cli.err());
        assertFalse(cli.err().contains("\u001b") || cli.err().contains("\u202e"), cli.err());
    }

    @Test
    void aFileOfThousandsOfProblemsGivesABoundedRecord(@TempDir Path dir) throws Exception {
        StringBuilder yaml = new StringBuilder("posmortem: 1\nanchor: &a " + "v".repeat(1000) + "\nitems:\n");
        for (int i = 0; i < 20_000; i++) yaml.append("  - *a\n");
        Path aliases = dir.resolve("aliases.yaml");
        Files.writeString(aliases, yaml);
        Path longValue = dir.resolve("long-value.yaml");
        Files.writeString(longValue, Files.readString(Path.of(TRUNCATED)).replace("capability: local-syntax", "capability: " + "z".repeat(100_000)));
        Cli cli = run("triage", "--format", "json", aliases.toString(), longValue.toString());
        assertEquals(ExitCodes.INVALID_INPUT, cli.exit());
        List<JsonNode> records = records(cli);
        JsonNode errors = records.get(0).path("errors");
        assertEquals(101, errors.size(), "the first 100 problems and one saying how many more");
        assertEquals("input.more-problems", errors.get(100).path("code").asString());
        assertTrue(errors.get(100).path("message").asString().startsWith("19900 more problem(s)"), errors.get(100).toString());
        for (JsonNode e : records.get(1).path("errors")) {
            assertTrue(e.path("message").asString().length() <= 300, e.toString());
        }
        assertTrue(cli.out().length() < 100_000, "the records stay small: " + cli.out().length() + " characters");
    }

    static Cli withStdin(String text, Supplier<Cli> body) {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            return body.get();
        } finally {
            System.setIn(stdin);
        }
    }
}
