package io.posmortem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code posmortem serve} on loopback: answers, limits, hostile bodies under concurrent load, reload. */
class ServeTest {

    static ServeCommand serve;
    static HttpClient client;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        serve = new ServeCommand();
        serve.host = "127.0.0.1";
        serve.port = 0;
        serve.maxBody = 64 * 1024;
        serve.timeoutSeconds = 20;
        serve.concurrency = 4;
        serve.sources.rules = Path.of("rules");
        serve.sources.kb = Path.of("knowledge-base");
        serve.quiet = true;
        serve.open();
        base = "http://127.0.0.1:" + serve.port();
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        serve.stop();
    }

    static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndTriage() throws Exception {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\" : \"ok\""));
        HttpResponse<String> r = post("/triage", Files.readAllBytes(Path.of("fixtures/seed/founding-case.yaml")));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"hypothesis\" : \"uniform-rope-interpolation\""), r.body().substring(0, 400));
    }

    @Test
    void inputsNamingFilesAreRefused() throws Exception {
        HttpResponse<String> r = post("/triage", Files.readAllBytes(Path.of("fixtures/configs/real/llama-2-7b.yaml")));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("input.model-config"), r.body());
    }

    /** A what-if whose derived factor is below 1 once ended as an internal error (500); it is an invalid input. */
    @Test
    void aFactorBelowOneIsAnInvalidInputNotAnInternalError() throws Exception {
        HttpResponse<String> r = post("/triage", Files.readAllBytes(Path.of("fixtures/invalid/what-if-factor-below-one.yaml")));
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\" : \"value.range\""), r.body());
        assertTrue(r.body().contains("/builds/0/what_if/original_max_position_embeddings"), r.body());
        assertTrue(r.body().contains("give the factor"), r.body());
    }

    @Test
    void wrongMethodsAndPaths() throws Exception {
        assertEquals(405, client.send(HttpRequest.newBuilder(URI.create(base + "/triage")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, post("/nowhere", new byte[0]).statusCode());
    }

    @Test
    void reloadKeepsTheOldRulesWhenTheNewOnesAreBroken() throws Exception {
        assertEquals(200, post("/admin/reload", new byte[0]).statusCode());
        Path good = serve.sources.rules;
        serve.sources.rules = Path.of("fixtures/broken-rules/syntax-error");
        try {
            HttpResponse<String> r = post("/admin/reload", new byte[0]);
            assertEquals(409, r.statusCode());
            assertTrue(r.body().contains("rules.compile"), r.body());
        } finally {
            serve.sources.rules = good;
        }
        assertEquals(200, post("/triage", Files.readAllBytes(Path.of("fixtures/seed/founding-case.yaml"))).statusCode());
    }

    /** 8 clients x 12 requests of good and hostile bodies: every answer is the expected one, and the server stays up. */
    @Test
    void survivesABoundedLoadOfHostileBodies() throws Exception {
        Map<String, Integer> bodies = Map.of(
                "fixtures/seed/founding-case.yaml", 200,
                "fixtures/invalid/binary.yaml", 422,
                "fixtures/invalid/alias-bomb.yaml", 422,
                "fixtures/invalid/deep-nesting.json", 422,
                "fixtures/invalid/huge-number.yaml", 422,
                "fixtures/invalid/not-utf8.yaml", 422);
        List<String> paths = new ArrayList<>(bodies.keySet());
        paths.sort(null);
        byte[] tooLarge = new byte[64 * 1024 + 1];
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<String>> failures = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            failures.add(clients.submit(() -> {
                for (int i = 0; i < 12; i++) {
                    int pick = (client + i) % (paths.size() + 1);
                    int status;
                    int expected;
                    if (pick == paths.size()) {
                        status = post("/triage", tooLarge).statusCode();
                        expected = 413;
                    } else {
                        status = post("/triage", Files.readAllBytes(Path.of(paths.get(pick)))).statusCode();
                        expected = bodies.get(paths.get(pick));
                    }
                    // 503 (busy) is an allowed answer under load; anything else must be the expected one.
                    if (status != expected && status != 503) return "client " + client + " request " + i + ": " + status + " != " + expected;
                }
                return null;
            }));
        }
        for (Future<String> f : failures) assertEquals(null, f.get());
        clients.shutdown();
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
