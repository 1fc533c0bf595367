package io.posmortem.cli;

import io.posmortem.serve.RequestLog;
import io.posmortem.serve.RequestPolicy;
import io.posmortem.serve.TriageService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} against hostile clients: slow headers and bodies, too many connections from one
 * client, foreign Host and Origin headers, CORS-simple content types, costly bodies, a looping
 * rule pack offered to reload, and out-of-range options. Time bounds here only check that things
 * end; they are not benchmarks.
 */
class ServeHostileTest {

    static final Path FOUNDING = Path.of("fixtures/seed/founding-case.yaml");
    static final Path KB = Path.of("knowledge-base");
    static final String TOKEN = "reload-token-for-tests-0123456789";

    /** The rule directory the next reload reads (tests switch it to a broken pack and back). */
    static volatile Path rulesDir = Path.of("rules");
    static TriageService.Engine firstEngine;
    static TriageService service;
    static StringWriter log = new StringWriter();
    static HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static TriageService.Engine load() throws Exception {
        ServeCommand c = new ServeCommand();
        c.sources.rules = rulesDir;
        c.sources.kb = KB;
        return c.load();
    }

    static TriageService start(int timeoutSeconds, int workers, int readTimeoutSeconds, int perClient, byte[] token, PrintWriter sink)
            throws Exception {
        TriageService.Settings settings = new TriageService.Settings("127.0.0.1", 0, 64 * 1024, Duration.ofSeconds(timeoutSeconds), workers,
                Duration.ofSeconds(readTimeoutSeconds), perClient, 512, Set.of(), token, null, false);
        TriageService s = new TriageService(settings, () -> {
            ServeCommand c = new ServeCommand();
            c.sources.rules = rulesDir;
            c.sources.kb = KB;
            return c.load();
        }, sink);
        s.start(firstEngine);
        return s;
    }

    @BeforeAll
    static void startService() throws Exception {
        firstEngine = load();
        service = start(5, 2, 15, 64, null, new PrintWriter(log, true));
    }

    @AfterAll
    static void stopService() {
        service.stop();
    }

    static String base(TriageService s) {
        return "http://127.0.0.1:" + s.port();
    }

    static HttpResponse<String> post(TriageService s, String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base(s) + path)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(TriageService s, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base(s) + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} as raw bytes on a new connection and returns the whole answer. */
    static String rawAnswer(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Sends {@code request} as raw bytes on a new connection and returns the status line of the answer. */
    static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int eol = answer.indexOf("\r\n");
            return eol < 0 ? answer : answer.substring(0, eol);
        }
    }

    /** What the server did with a connection: its first bytes (a status line), or "closed" when it closed without answering. */
    static String outcome(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = in.readNBytes(12);
            return buffer.length == 0 ? "closed" : new String(buffer, StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            return "still open";
        } catch (IOException e) {
            return "closed";
        }
    }

    @Test
    void fiftySlowClientsHoldNoWorkerAndAreCutAtTheReadDeadline() throws Exception {
        List<Socket> slowHeaders = new ArrayList<>();
        List<Socket> slowBodies = new ArrayList<>();
        AtomicBoolean trickling = new AtomicBoolean(true);
        Thread trickle = null;
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket("127.0.0.1", service.port());
                s.getOutputStream().write("POST /triage HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                slowHeaders.add(s);
            }
            for (int i = 0; i < 10; i++) {
                Socket s = new Socket("127.0.0.1", service.port());
                s.getOutputStream().write(("POST /triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\n"
                        + "Content-Length: 5000\r\n\r\nposmortem: 1\n").getBytes(StandardCharsets.ISO_8859_1));
                slowBodies.add(s);
            }
            // One more header line or body byte per connection every second: never idle long enough for an idle timeout.
            trickle = new Thread(() -> {
                int n = 0;
                while (trickling.get()) {
                    for (Socket s : slowHeaders) write(s, "X-Slow-" + n + ": 1\r\n");
                    for (Socket s : slowBodies) write(s, "#");
                    n++;
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            // Valid requests are answered while the 50 slow connections are held open.
            byte[] founding = Files.readAllBytes(FOUNDING);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = post(service, "/triage", "application/yaml", founding);
                assertEquals(200, r.statusCode(), r.body());
            }
            // The slow connections hold no triage worker: they are still being read.
            HttpResponse<String> health = get(service, "/health");
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"busy_workers\" : 0"), health.body());
            long stillOpen = Stream.concat(slowHeaders.stream(), slowBodies.stream()).filter(s -> {
                try {
                    s.setSoTimeout(1);
                } catch (IOException e) {
                    return false;
                }
                return outcome(s).equals("still open");
            }).count();
            assertTrue(stillOpen >= 45, "the slow connections should still be open while valid requests are answered: " + stillOpen);

            // Within the read deadline (15 s) plus slack, every slow connection is cut: headers closed, bodies answered 408.
            assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
                for (Socket s : slowHeaders) {
                    s.setSoTimeout(30_000);
                    assertEquals("closed", outcome(s));
                }
                for (Socket s : slowBodies) {
                    s.setSoTimeout(30_000);
                    assertEquals("HTTP/1.1 408", outcome(s));
                }
            });
        } finally {
            trickling.set(false);
            if (trickle != null) trickle.interrupt();
            for (Socket s : slowHeaders) s.close();
            for (Socket s : slowBodies) s.close();
        }
        assertEquals(200, post(service, "/triage", "application/yaml", Files.readAllBytes(FOUNDING)).statusCode());
    }

    private static void write(Socket s, String text) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException closed) {
            // The server cut it: that is what the test waits for.
        }
    }

    @Test
    void connectionsBeyondTheClientLimitAreClosed() throws Exception {
        TriageService small = start(5, 1, 30, 3, null, new PrintWriter(new StringWriter(), true));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) held.add(new Socket("127.0.0.1", small.port()));
            // Connections are registered concurrently: wait until the three are counted, so the next one is the fourth.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                while (small.openConnections() < 3) Thread.sleep(10);
            });
            try (Socket extra = new Socket("127.0.0.1", small.port())) {
                extra.setSoTimeout(10_000);
                write(extra, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                String answer = outcome(extra);
                assertTrue(answer.equals("closed") || answer.equals("HTTP/1.1 503"), answer);
            }
            for (Socket s : held) s.close();
            held.clear();
            // Once the held connections are gone, the client is served again.
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int status = 0;
            while (System.nanoTime() < until && status != 200) {
                try {
                    status = get(small, "/health").statusCode();
                } catch (IOException closedAgain) {
                    Thread.sleep(100);
                }
            }
            assertEquals(200, status);
        } finally {
            for (Socket s : held) s.close();
            small.stop();
        }
    }

    @Test
    void routingIsByExactPath() throws Exception {
        byte[] founding = Files.readAllBytes(FOUNDING);
        assertEquals(404, post(service, "/triagex", "application/yaml", founding).statusCode());
        assertEquals(404, post(service, "/triage/", "application/yaml", founding).statusCode());
        assertEquals(404, get(service, "/healthz").statusCode());
        assertEquals(404, post(service, "/admin/reload/now", null, new byte[0]).statusCode());
        assertEquals(405, get(service, "/triage").statusCode());
        assertEquals(405, post(service, "/health", "application/json", new byte[0]).statusCode());
    }

    @Test
    void chunkedBodiesAreLimitedToo() throws Exception {
        byte[] large = new byte[64 * 1024 + 10];
        java.util.Arrays.fill(large, (byte) '#');
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(service) + "/triage")).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large))).build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException reset) {
            status = -1; // the server may close before the client has sent everything; it must not triage the body
        }
        assertTrue(status == 413 || status == -1, String.valueOf(status));
        awaitLogLine(l -> l.contains("POST /triage 413 "));
        assertEquals(200, get(service, "/health").statusCode());
    }

    @Test
    void oversizedHeadersAreRefused() throws Exception {
        String answer = rawAnswer(service.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431 ") || answer.startsWith("HTTP/1.1 400 ") || answer.isEmpty(), answer.lines().findFirst().orElse(""));
        assertEquals(200, get(service, "/health").statusCode());
    }

    @Test
    void triageRequiresAYamlOrJsonContentType() throws Exception {
        byte[] founding = Files.readAllBytes(FOUNDING);
        for (String simple : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain; charset=utf-8")) {
            HttpResponse<String> r = post(service, "/triage", simple, founding);
            assertEquals(415, r.statusCode(), simple);
            assertTrue(r.body().contains("unsupported-media-type"), r.body());
        }
        assertEquals(415, post(service, "/triage", null, founding).statusCode());
        assertEquals(200, post(service, "/triage", "application/x-yaml; charset=utf-8", founding).statusCode());
        assertEquals(200, post(service, "/triage", "text/yaml", founding).statusCode());
    }

    /** The header block of the answer to {@code request}, sent as raw bytes on a new connection (the connection may stay open). */
    static String answerHead(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) break;
                head.append((char) b);
            }
            return head.toString();
        }
    }

    @Test
    void anAnswerLeavingTheBodyUnreadSaysTheConnectionCloses() throws Exception {
        int port = service.port();
        String json = "{\"build\": \"never read\"}";
        String form = "symptoms=never+read";
        // Answered before the body is read: a foreign host, an unknown path (a length, then a transfer coding), the form posted
        // from another site.
        for (String request : List.of(
                "POST /triage HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json,
                "POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json,
                "POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                "POST /report HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: cross-site\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + form.length() + "\r\n\r\n" + form)) {
            String head = answerHead(port, request);
            assertTrue(head.startsWith("HTTP/1.1 4"), head);
            assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n"), head);
        }
        // No body, or a body read to its end: the connection is kept.
        String health = answerHead(port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertTrue(health.startsWith("HTTP/1.1 200") && !health.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), health);
        String symptoms = Files.readString(FOUNDING);
        String triaged = answerHead(port, "POST /triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\nContent-Length: "
                + symptoms.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + symptoms);
        assertTrue(triaged.startsWith("HTTP/1.1 200") && !triaged.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), triaged);
    }

    @Test
    void foreignHostsAndOriginsAreRefused() throws Exception {
        int port = service.port();
        assertEquals("HTTP/1.1 403 Forbidden", raw(port, "GET /health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"));
        assertEquals("HTTP/1.1 403 Forbidden", raw(port, "GET /health HTTP/1.1\r\nHost: evil.example:" + port + "\r\nConnection: close\r\n\r\n"));
        // An absolute request target naming another host: refused (Jetty itself answers 400 when it disagrees with Host).
        String absolute = raw(port, "GET http://evil.example/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(absolute.equals("HTTP/1.1 403 Forbidden") || absolute.equals("HTTP/1.1 400 Bad Request"), absolute);
        assertEquals("HTTP/1.1 200 OK", raw(port, "GET /health HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n"));
        assertEquals("HTTP/1.1 200 OK", raw(port, "GET /health HTTP/1.1\r\nHost: [::1]:" + port + "\r\nConnection: close\r\n\r\n"));

        byte[] founding = Files.readAllBytes(FOUNDING);
        HttpResponse<String> cross = post(service, "/triage", "application/yaml", founding, "Origin", "http://evil.example");
        assertEquals(403, cross.statusCode());
        assertTrue(cross.body().contains("forbidden-origin"), cross.body());
        assertEquals(403, post(service, "/triage", "application/yaml", founding, "Origin", "null").statusCode());
        assertEquals(403, post(service, "/admin/reload", null, new byte[0], "Origin", "http://evil.example").statusCode());
        // Without a reload token, reload refuses every browser page, even one on this machine.
        assertEquals(403, post(service, "/admin/reload", null, new byte[0], "Origin", "http://localhost:3000").statusCode());
        assertEquals(200, post(service, "/triage", "application/yaml", founding, "Origin", "http://localhost:3000").statusCode());
    }

    @Test
    void reloadRefusesALoopingPackAndKeepsTheOldRules(@TempDir Path tmp) throws Exception {
        Path pack = copyOfRules(tmp);
        Files.copy(Path.of("fixtures/broken-rules/looping-rule/rule.drl"), pack.resolve("zz-looping-rule.drl"));
        String before = fingerprint(get(service, "/health").body());
        rulesDir = pack;
        try {
            HttpResponse<String> r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> post(service, "/admin/reload", null, new byte[0]));
            assertEquals(409, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"status\" : \"kept\""), r.body());
            assertTrue(r.body().contains("inference."), r.body());
        } finally {
            rulesDir = Path.of("rules");
        }
        assertEquals(before, fingerprint(get(service, "/health").body()));
        HttpResponse<String> triage = post(service, "/triage", "application/yaml", Files.readAllBytes(FOUNDING));
        assertEquals(200, triage.statusCode());
        assertTrue(triage.body().contains("\"hypothesis\" : \"uniform-rope-interpolation\""));
        HttpResponse<String> fixed = post(service, "/admin/reload", null, new byte[0]);
        assertEquals(200, fixed.statusCode(), fixed.body());
    }

    /**
     * A pack whose consequence sleeps does not finish the smoke triage within the timeout: 409, the
     * old rules stay, and the service is not wedged: fixed rules reload at once afterwards.
     */
    @Test
    void reloadRefusesAPackThatDoesNotFinishAndStaysUsable(@TempDir Path tmp) throws Exception {
        Path pack = copyOfRules(tmp);
        Files.writeString(pack.resolve("zz-sleeping-rule.drl"), """
                package posmortem.rules.broken

                import io.posmortem.model.*; import io.posmortem.model.input.*; import io.posmortem.model.positional.*; import io.posmortem.model.knowledge.*; import io.posmortem.model.evidence.*; import io.posmortem.model.derived.*;

                rule "Sleeps on every profile"
                    @id("broken.sleep")
                    @layer("interpretation")
                    @hypothesis("any")
                    @explanation("test rule")
                    @reference("posmortem-heuristic")
                    salience 450
                when
                    $p : RopeProfile( $s : subject )
                then
                    try { Thread.sleep(3000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                end
                """);
        TriageService quick = start(1, 1, 10, 16, null, new PrintWriter(new StringWriter(), true));
        try {
            String before = fingerprint(get(quick, "/health").body());
            rulesDir = pack;
            try {
                HttpResponse<String> r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> post(quick, "/admin/reload", null, new byte[0]));
                assertEquals(409, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"status\" : \"kept\""), r.body());
                assertTrue(r.body().contains("failed the smoke triage"), r.body());
            } finally {
                rulesDir = Path.of("rules");
            }
            assertEquals(before, fingerprint(get(quick, "/health").body()));
            HttpResponse<String> fixed = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> post(quick, "/admin/reload", null, new byte[0]));
            assertEquals(200, fixed.statusCode(), fixed.body());
        } finally {
            quick.stop();
        }
    }

    static Path copyOfRules(Path tmp) throws IOException {
        Path pack = tmp.resolve("rules");
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path f : files.toList()) {
                Path target = pack.resolve(Path.of("rules").relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
        return pack;
    }

    private static String fingerprint(String health) {
        return health.lines().filter(l -> l.contains("\"rules\"")).findFirst().orElseThrow();
    }

    @Test
    void reloadWithATokenFileNeedsTheToken() throws Exception {
        TriageService guarded = start(10, 1, 10, 8, RequestPolicy.digest(TOKEN), new PrintWriter(new StringWriter(), true));
        try {
            assertEquals(401, post(guarded, "/admin/reload", null, new byte[0]).statusCode());
            assertEquals(401, post(guarded, "/admin/reload", null, new byte[0], "Authorization", "Bearer " + TOKEN + "x").statusCode());
            assertEquals(401, post(guarded, "/admin/reload", null, new byte[0], "Authorization", TOKEN).statusCode());
            HttpResponse<String> ok = post(guarded, "/admin/reload", null, new byte[0], "Authorization", "Bearer " + TOKEN);
            assertEquals(200, ok.statusCode(), ok.body());
        } finally {
            guarded.stop();
        }
    }

    /**
     * RoPE builds with head_dim 4096, bf16 angles and a 10^8 target, and a T5 file with
     * max_distance 10^8: each is answered within the bound, never with an internal error, and
     * afterwards /health and a normal triage recover. The RoPE file (eight such builds) is refused
     * as too costly (422) by intake's cost model, or would be stopped at the 5 s timeout (503);
     * the T5 file's bucket boundaries are found by bisection, so 200 is also accepted for it.
     */
    @Test
    void costlyBodiesEndAndTheServiceRecovers() throws Exception {
        StringWriter costlyLog = new StringWriter();
        TriageService costly = start(5, 2, 8, 64, null, new PrintWriter(costlyLog, true));
        try {
            costlyBodies(costly, costlyLog);
        } finally {
            costly.stop();
        }
    }

    private static void costlyBodies(TriageService service, StringWriter log) throws Exception {
        StringBuilder rope = new StringBuilder("""
                posmortem: 1
                title: costly rope
                model:
                  positional_encoding: rope
                  trained_context: 4096
                  head_dim: 4096
                builds:
                """);
        for (String id : List.of("b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8")) {
            rope.append("""
                      - id: %s
                        retrofit:
                          kind: rope-base-scaling
                          target_context: 100000000
                        runtime:
                          rope_dtype: bf16
                        observations:
                          - id: o
                            capability: local-syntax
                            context: {from: 20000, to: 32768}
                            outcome: degraded
                    """.formatted(id));
        }
        String t5 = """
                posmortem: 1
                title: costly t5
                model:
                  positional_encoding: t5-bias
                  trained_context: 512
                  relative_bias: {num_buckets: 32, max_distance: 100000000}
                builds:
                  - id: b
                    retrofit:
                      kind: relative-bias-unknown
                      target_context: 100000000
                    observations:
                      - id: o
                        capability: long-range-reference
                        context: {from: 20000, to: 100000000}
                        outcome: degraded
                """;
        HttpResponse<String> r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> post(service, "/triage", "application/yaml", rope.toString().getBytes(StandardCharsets.UTF_8)));
        assertTrue(r.statusCode() == 422 || r.statusCode() == 503, r.statusCode() + " " + r.body());
        HttpResponse<String> t = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> post(service, "/triage", "application/yaml", t5.getBytes(StandardCharsets.UTF_8)));
        assertTrue(Set.of(200, 422, 503).contains(t.statusCode()), t.statusCode() + " " + t.body());

        // /health recovers once the workers have stopped; while any is stuck it says so with 503 "degraded".
        String health = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            while (true) {
                HttpResponse<String> h = get(service, "/health");
                if (h.statusCode() == 200) return h.body();
                assertEquals(503, h.statusCode(), h.body());
                assertTrue(h.body().contains("\"status\" : \"degraded\"") && !h.body().contains("\"stuck_workers\" : 0"), h.body());
                Thread.sleep(250);
            }
        });
        assertTrue(health.contains("\"status\" : \"ok\""), health);
        assertEquals(200, post(service, "/triage", "application/yaml", Files.readAllBytes(FOUNDING)).statusCode());
        // Every 5xx is logged with its cause.
        if (r.statusCode() == 503) {
            awaitLogLine(log, l -> l.contains("POST /triage 503 ") && l.contains(" cause: "));
        }
    }

    @Test
    void everyRequestIsLoggedOnOneLineWithThePathAsSent() throws Exception {
        assertEquals("HTTP/1.1 404 Not Found", raw(service.port(), "GET /a%E2%80%AE%5b31mred?secret=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        String line = awaitLogLine(l -> l.contains("/a%E2%80%AE"));
        // The path stays percent-encoded (no control or bidi character reaches a terminal), and the query is never logged.
        assertTrue(line.matches("posmortem serve: 127\\.0\\.0\\.1 GET /a%E2%80%AE%5b31mred 404 \\d+ ms \\d+ B"), line);
        // A request the server refuses before routing (a control character in the path) is logged too.
        assertEquals("HTTP/1.1 400 Bad Request", raw(service.port(), "GET /b%1bc HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        awaitLogLine(l -> l.startsWith("posmortem serve: 127.0.0.1 GET ") && l.contains(" 400 "));
        // ... and answered in the same JSON shape as every other error, echoing nothing it sent.
        String answer = rawAnswer(service.port(), "GET /b%1bc HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(answer.contains("application/json") && answer.contains("\"code\" : \"bad-request\"") && !answer.contains("%1b"), answer);
    }

    /** The first log line matching {@code p}; lines are written once an exchange completes, which may be just after the client saw the answer. */
    static String awaitLogLine(java.util.function.Predicate<String> p) {
        return awaitLogLine(log, p);
    }

    static String awaitLogLine(StringWriter log, java.util.function.Predicate<String> p) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (true) {
                java.util.Optional<String> line = log.toString().lines().filter(p).findFirst();
                if (line.isPresent()) return line.get();
                Thread.sleep(20);
            }
        }, () -> "no such line in the log:\n" + log);
    }

    @Test
    void logFieldsArePrintable() {
        assertEquals("a?b?c?d?e", RequestLog.printable("a\u001bb\nc\u202ed\u009be", 100));
        assertEquals("abc...", RequestLog.printable("abcdef", 3));
        String line = RequestLog.line("127.0.0.1", "POST", "/triage\r\nX-Injected: 1", 503, 12, 34, "timeout\nsecond line");
        assertEquals("posmortem serve: 127.0.0.1 POST /triage??X-Injected: 1 503 12 ms 34 B cause: timeout?second line", line);
    }

    @Test
    void outOfRangeOptionsAreUsageErrorsNamingTheOption() {
        for (String[] args : List.of(
                new String[] {"--timeout", "0"},
                new String[] {"--timeout", "3601"},
                new String[] {"--max-body", "2147483647"},
                new String[] {"--max-body", "0"},
                new String[] {"--port", "70000"},
                new String[] {"--concurrency", "-1"},
                new String[] {"--read-timeout", "0"},
                new String[] {"--max-connections-per-client", "0"})) {
            StringWriter err = new StringWriter();
            List<String> line = new ArrayList<>(List.of("serve"));
            line.addAll(List.of(args));
            int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), line.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, code, String.join(" ", args) + ": " + err);
            assertTrue(err.toString().contains(args[0]), err.toString());
            assertFalse(err.toString().contains("\tat "), err.toString());
        }
    }

    @Test
    void aTokenFileThatIsNotARegularFileIsAUsageError(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "serve", "--reload-token-file", tmp.toString());
        assertEquals(ExitCodes.USAGE, code, err.toString());
        assertTrue(err.toString().contains("--reload-token-file"), err.toString());
    }

    @Test
    void theTokenFileHoldsOneTokenOfAtLeastSixteenCharacters(@TempDir Path tmp) throws Exception {
        Path shortToken = tmp.resolve("short-token");
        Files.writeString(shortToken, "abc\n");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.USAGE, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "serve", "--reload-token-file", shortToken.toString()));
        assertTrue(err.toString().contains("shorter than 16"), err.toString());
        Path good = tmp.resolve("token");
        Files.writeString(good, TOKEN + "\n");
        ServeCommand c = new ServeCommand();
        c.reloadTokenFile = good;
        org.junit.jupiter.api.Assertions.assertArrayEquals(RequestPolicy.digest(TOKEN), c.settings().reloadToken());
    }

    @Test
    void aPortInUseIsAClearErrorWithItsOwnExitCode() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            StringWriter err = new StringWriter();
            int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                    "serve", "--port", String.valueOf(taken.getLocalPort())));
            assertEquals(ExitCodes.UNAVAILABLE, code, err.toString());
            assertTrue(err.toString().contains("in use"), err.toString());
            assertNotEquals(-1, err.toString().indexOf(String.valueOf(taken.getLocalPort())), err.toString());
            assertFalse(err.toString().contains("internal error"), err.toString());
        }
    }
}
