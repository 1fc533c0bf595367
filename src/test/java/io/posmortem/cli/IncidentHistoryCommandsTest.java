package io.posmortem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The incident-history commands end to end on a SQLite archive: what each prints and exits with. */
class IncidentHistoryCommandsTest {
    static final Path FOUNDING = Path.of("fixtures/seed/founding-case.yaml");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void triageArchiveThenHistoryShowConfirmReplayCalibrationForget() throws Exception {
        String db = dir.resolve("incidents.db").toString();
        Run triage = run("triage", "--archive", db, "--source", "test-suite", "--format", "json", FOUNDING.toString());
        assertEquals(ExitCodes.OK, triage.code(), triage.err());

        Run history = run("history", "--archive", db, "--format", "json");
        assertEquals(ExitCodes.OK, history.code(), history.err());
        JsonNode incident = JsonMapper.builder().build().readTree(history.out()).path("incidents").get(0);
        long id = incident.path("id").asLong();
        assertEquals("test-suite", incident.path("source").asString());
        String build = incident.path("verdicts").get(0).path("build").asString();
        String hypothesis = incident.path("verdicts").get(0).path("hypothesis").asString();

        Run again = run("triage", "--archive", db, "--format", "json", FOUNDING.toString());
        assertEquals(ExitCodes.OK, again.code());
        assertEquals(1, run("history", "--archive", db, "--format", "json").out().split("\"input_sha256\"").length - 1,
                "the same input and pack are archived once");

        Path trace = dir.resolve("trace.json");
        Run show = run("show", String.valueOf(id), "--archive", db, "--format", "markdown", "--trace", trace.toString());
        assertEquals(ExitCodes.OK, show.code(), show.err());
        assertTrue(show.out().startsWith("#"), show.out());
        Run diff = run("explain", "--diff", trace.toString(), trace.toString());
        assertEquals(ExitCodes.OK, diff.code(), diff.err());
        assertTrue(diff.out().contains("no differences"));

        Run misspelt = run("confirm", String.valueOf(id), "--archive", db, "--build", build, "--cause", hypothesis + "x");
        assertEquals(ExitCodes.USAGE, misspelt.code());
        assertTrue(misspelt.err().contains("did you mean '" + hypothesis + "'"), misspelt.err());
        Run confirm = run("confirm", String.valueOf(id), "--archive", db, "--build", build, "--cause", hypothesis, "--note", "test");
        assertEquals(ExitCodes.OK, confirm.code(), confirm.err());

        Run replay = run("replay", "--archive", db, "--rules", "rules", "--kb", "knowledge-base");
        assertEquals(ExitCodes.OK, replay.code(), replay.err());
        assertTrue(replay.out().contains("1 incident(s) replayed"), replay.out());
        assertTrue(replay.out().contains("0 changed"), replay.out());
        assertTrue(replay.out().contains("before: 1 right, 0 abstained, 0 wrong"), replay.out());

        Run calibration = run("calibration", "--archive", db, "--format", "html");
        assertEquals(ExitCodes.OK, calibration.code(), calibration.err());
        assertTrue(calibration.out().contains("<svg"));
        assertTrue(calibration.out().contains("1 confirmed build(s)"), calibration.out());

        Run forget = run("forget", String.valueOf(id), "--archive", db);
        assertEquals(ExitCodes.OK, forget.code(), forget.err());
        Run gone = run("show", String.valueOf(id), "--archive", db);
        assertEquals(ExitCodes.ARCHIVE, gone.code());
        assertTrue(gone.err().contains("archive.not-found"), gone.err());
    }

    @Test
    void refusesAPasswordOnTheCommandLineAndArchiveOptionsWithoutAnArchive() {
        Run password = run("history", "--archive", "jdbc:postgresql://localhost/posmortem?user=a&password=secret");
        assertEquals(ExitCodes.ARCHIVE, password.code());
        assertTrue(password.err().contains("POSMORTEM_ARCHIVE_PASSWORD"), password.err());
        assertFalse(password.err().contains("secret"), "the password is not echoed");
        Run source = run("triage", "--source", "x", FOUNDING.toString());
        assertEquals(ExitCodes.USAGE, source.code());
    }

    @Test
    void serveKeepsWhatItTriagesAndListsIt() throws Exception {
        ServeCommand serve = new ServeCommand();
        serve.host = "127.0.0.1";
        serve.port = 0;
        serve.timeoutSeconds = 30;
        serve.concurrency = 2;
        serve.quiet = true;
        serve.archive = dir.resolve("served.db").toString();
        serve.open(new PrintWriter(new StringWriter()));
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + serve.port();
            HttpResponse<String> triaged = client.send(HttpRequest.newBuilder(URI.create(base + "/triage")).header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(FOUNDING))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, triaged.statusCode());
            assertEquals("1", triaged.headers().firstValue("X-Posmortem-Incident").orElse(""));
            HttpResponse<String> listed = client.send(HttpRequest.newBuilder(URI.create(base + "/incidents")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode());
            JsonNode incident = JsonMapper.builder().build().readTree(listed.body()).path("incidents").get(0);
            assertEquals(1, incident.path("id").asLong());
            assertEquals("127.0.0.1", incident.path("source").asString());
            HttpResponse<String> foreign = client.send(HttpRequest.newBuilder(URI.create(base + "/incidents")).header("Origin", "http://evil.example")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, foreign.statusCode(), "a page on another site cannot read the incidents");
            HttpResponse<String> badQuery = client.send(HttpRequest.newBuilder(URI.create(base + "/incidents?limit=0")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, badQuery.statusCode());
        } finally {
            serve.stop();
        }
    }
}
