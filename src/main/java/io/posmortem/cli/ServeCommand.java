package io.posmortem.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.posmortem.inference.InferenceException;
import io.posmortem.inference.RulePackException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.SourceText;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.model.Problem;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.Report;
import io.posmortem.report.ReportBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code posmortem serve}: triage over HTTP (the JDK's built-in server). {@code POST /triage}
 * with a symptom file as the body returns the JSON report; {@code GET /health} says the service
 * is up and which rules it runs; {@code POST /admin/reload} (from loopback only) re-reads the
 * rules and knowledge base from disk and swaps them in atomically, keeping the old ones if the new
 * ones are broken. Rules are never accepted over HTTP, and inputs that name files are refused.
 * Bodies are limited in size, requests in time and in number in flight; the server binds to
 * loopback unless told otherwise and stops gracefully on SIGTERM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serves triage over HTTP: POST /triage (symptom file in, JSON report out), GET /health, POST /admin/reload.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--max-body", defaultValue = "1048576", description = "Largest accepted request body in bytes (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--timeout", defaultValue = "10", description = "Seconds a triage may take before the request fails with 503 (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--concurrency", defaultValue = "0", description = "Triage requests in flight at once; more get 503 (default: 2 x cores).")
    int concurrency;

    @CommandLine.Mixin
    RuleSources sources = new RuleSources();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The rules and knowledge in force, swapped as one. */
    record Engine(Triage triage, ReportBuilder reports) {}

    private final AtomicReference<Engine> engine = new AtomicReference<>();
    private HttpServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try {
            engine.set(load());
        } catch (KnowledgeBaseException | RulePackException e) {
            err.println("posmortem serve: cannot load the rules or knowledge base: " + e.getMessage());
            err.flush();
            return ExitCodes.RULES;
        }
        start();
        PrintWriter out = spec.commandLine().getOut();
        out.println("posmortem serve: listening on http://" + host + ":" + server.getAddress().getPort() + " (POST /triage, GET /health)");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "posmortem-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    Engine load() throws KnowledgeBaseException, RulePackException {
        Triage triage = sources.load();
        return new Engine(triage, new ReportBuilder(triage.knowledge(), triage.rules().fingerprint(), Version.VALUE));
    }

    /** Loads the rules and starts serving (for embedding and tests; {@link #call()} does the same and waits). */
    void open() throws KnowledgeBaseException, RulePackException, IOException {
        engine.set(load());
        start();
    }

    /** Binds and starts the server; {@link #port()} then gives the port. */
    void start() throws IOException {
        int slots = concurrency > 0 ? concurrency : 2 * Runtime.getRuntime().availableProcessors();
        Semaphore inFlight = new Semaphore(slots);
        ExecutorService handlers = Executors.newFixedThreadPool(slots + 2, daemon("posmortem-http"));
        ExecutorService work = Executors.newFixedThreadPool(slots, daemon("posmortem-triage"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 64);
        server.setExecutor(handlers);
        server.createContext("/health", ex -> {
            if (!ex.getRequestMethod().equals("GET")) {
                send(ex, 405, error("method-not-allowed", "use GET"));
                return;
            }
            Engine e = engine.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("version", Version.VALUE);
            body.put("rules", e.triage().rules().fingerprint());
            body.put("knowledge_base", e.triage().knowledge().fingerprint());
            send(ex, 200, JsonRenderer.prettyValue(body));
        });
        server.createContext("/triage", ex -> {
            if (!ex.getRequestMethod().equals("POST")) {
                send(ex, 405, error("method-not-allowed", "POST a symptom file (YAML or JSON) as the body"));
                return;
            }
            if (!inFlight.tryAcquire()) {
                // Read (a bounded amount of) the body first: an unread body larger than the server's own
                // drain limit would make it reset the connection before the client sees the 503.
                drain(ex.getRequestBody(), 16L * maxBody);
                send(ex, 503, error("busy", "too many requests in flight; retry later"));
                return;
            }
            try {
                byte[] body = readBody(ex.getRequestBody(), maxBody);
                if (body == null) {
                    // Read (a bounded amount of) the rest so the client sees the answer, then close the connection.
                    drain(ex.getRequestBody(), 16L * maxBody);
                    ex.getResponseHeaders().set("Connection", "close");
                    send(ex, 413, error("too-large", "the body is larger than " + maxBody + " bytes"));
                    return;
                }
                Engine e = engine.get();
                Future<Object[]> job = work.submit(() -> triage(e, body));
                Object[] result;
                try {
                    result = job.get(timeoutSeconds, TimeUnit.SECONDS);
                } catch (TimeoutException t) {
                    job.cancel(true);
                    send(ex, 503, error("timeout", "triage took longer than " + timeoutSeconds + " s"));
                    return;
                } catch (Exception t) {
                    send(ex, 500, error("internal", "internal error: " + (t.getCause() == null ? t : t.getCause())));
                    return;
                }
                send(ex, (Integer) result[0], (String) result[1]);
            } finally {
                inFlight.release();
            }
        });
        server.createContext("/admin/reload", ex -> {
            if (!ex.getRemoteAddress().getAddress().isLoopbackAddress()) {
                send(ex, 403, error("forbidden", "reload is accepted from loopback only"));
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                send(ex, 405, error("method-not-allowed", "use POST"));
                return;
            }
            try {
                Engine fresh = load();
                engine.set(fresh);
                send(ex, 200, "{\"status\": \"reloaded\", \"rules\": \"" + fresh.triage().rules().fingerprint() + "\"}\n");
            } catch (KnowledgeBaseException | RulePackException e) {
                List<Problem> problems = e instanceof KnowledgeBaseException k ? k.problems() : ((RulePackException) e).problems();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "kept");
                body.put("message", "the new rules or knowledge base are broken; the old ones stay in force");
                body.put("problems", problems.stream().map(Problem::oneLine).toList());
                send(ex, 409, JsonRenderer.prettyValue(body));
            }
        });
        server.createContext("/", ex -> send(ex, 404, error("not-found", "endpoints: POST /triage, GET /health, POST /admin/reload")));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        if (server != null) server.stop(2);
        stopped.countDown();
    }

    /** The status code and body for one symptom file. */
    private static Object[] triage(Engine e, byte[] body) {
        Report report;
        int status;
        try {
            report = e.reports().diagnosed(e.triage().runUntrusted(SourceText.of("request", body)));
            status = 200;
        } catch (InvalidInputException x) {
            report = e.reports().invalid("request", x.problems());
            status = 422;
        } catch (InferenceException x) {
            report = e.reports().failed("request", x.problems());
            status = 500;
        }
        return new Object[] {status, JsonRenderer.pretty(report)};
    }

    /** The body, or null when it is longer than {@code max} bytes. */
    static byte[] readBody(InputStream in, int max) throws IOException {
        byte[] data = in.readNBytes(max + 1);
        return data.length > max ? null : data;
    }

    /** Skips up to {@code limit} bytes of what is left of a request body. */
    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long read = 0;
        int n;
        while (read < limit && (n = in.read(buffer)) > 0) read += n;
    }

    private static String error(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("code", code);
        body.put("message", message);
        return JsonRenderer.prettyValue(body);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
