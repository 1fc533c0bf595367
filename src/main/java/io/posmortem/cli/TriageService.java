package io.posmortem.cli;

import io.posmortem.engine.Triage;
import io.posmortem.inference.InferenceException;
import io.posmortem.inference.RulePackException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.SourceText;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.model.Deadline;
import io.posmortem.model.Problem;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.Report;
import io.posmortem.report.ReportBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP front end of {@code serve}, on Jetty's core server (no servlet layer).
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: it reads the request line, headers and
 * body with blocking reads on its executor's threads, so every slow client holds a thread; its
 * only deadline, the {@code sun.net.httpserver.maxReqTime} system property, is read once when
 * the server class loads (one value per JVM, not per server), and it cannot refuse a client's
 * extra connections before their headers are read. Jetty parses requests without blocking, so a
 * connection that trickles its headers or body holds no thread at all; {@link ConnectionGuard}
 * bounds how many such sockets one client may hold and how long headers may take, and the body
 * read below has its own deadline. Jetty core adds four small jars and loads only when
 * {@code serve} runs.
 *
 * <p>Threads: Jetty's pool parses and routes; bodies are read asynchronously; a triage runs on
 * {@code workers} threads of its own, and a worker's slot is given back only when its triage has
 * really returned, not when the client was answered 503 at the timeout. The triage is given the
 * request timeout as its per-input budget, so evidence and rules stop on their own; a worker
 * still running past its timeout makes {@code /health} answer 503 "degraded".
 */
final class TriageService {

    /** The rules and knowledge in force, swapped as one. */
    record Engine(Triage triage, ReportBuilder reports) {}

    /** Loads the rules and knowledge base from wherever they are configured (again at each reload). */
    interface EngineSource {
        Engine load() throws KnowledgeBaseException, RulePackException;
    }

    /**
     * The service's limits. {@code reloadToken} is the SHA-256 of the reload token (null: reload
     * from loopback only); {@code smokeCase} the symptom file triaged with a new pack before it is
     * swapped in (null: the built-in one).
     */
    record Settings(String host, int port, int maxBody, Duration timeout, int workers, Duration readTimeout, int perClient,
            int maxConnections, Set<String> allowHosts, byte[] reloadToken, Path smokeCase, boolean quiet) {}

    /** How long past its timeout a worker may take to notice its deadline before it counts as stuck. */
    static final Duration STUCK_GRACE = Duration.ofSeconds(1);

    /** At most this many smoke triages of rejected packs may still be running; further reloads get 503. */
    static final int MAX_ABANDONED_SMOKES = 2;

    /** The built-in symptom file a new pack must triage before a reload swaps it in. */
    static final String BUILT_IN_SMOKE_CASE = "smoke-case.yaml";

    private final Settings settings;
    private final EngineSource source;
    private final PrintWriter log;
    private final RequestPolicy policy;
    private final AtomicReference<Engine> engine = new AtomicReference<>();
    private final Semaphore slots;
    private final Map<Object, Long> running = new ConcurrentHashMap<>();
    private final AtomicBoolean reloading = new AtomicBoolean();
    private final AtomicInteger liveSmokes = new AtomicInteger();
    private ExecutorService work;
    private ScheduledThreadPoolExecutor timers;
    private ConnectionGuard guard;
    private Server server;
    private ServerConnector connector;

    TriageService(Settings settings, EngineSource source, PrintWriter log) {
        this.settings = settings;
        this.source = source;
        this.log = log;
        this.policy = new RequestPolicy(settings.allowHosts());
        this.slots = new Semaphore(settings.workers());
    }

    /** Puts {@code first} in force and starts listening; a failure to bind is thrown (with the server stopped). */
    void start(Engine first) throws Exception {
        engine.set(budgeted(first));
        timers = new ScheduledThreadPoolExecutor(1, daemon("posmortem-timer"));
        timers.setRemoveOnCancelPolicy(true);
        work = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("posmortem-triage"));
        guard = new ConnectionGuard(settings.perClient(), settings.readTimeout().toNanos(), timers);

        QueuedThreadPool pool = new QueuedThreadPool(32, 4);
        pool.setName("posmortem-http");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        // Also closes a connection that sends nothing at all for this long (even inside a request).
        connector.setIdleTimeout(settings.readTimeout().toMillis());
        connector.addBean(guard);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
        server.setHandler(new Front());
        server.setRequestLog(this::log);
        server.setErrorHandler(TriageService::serverError);
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            stop();
            throw e;
        }
        long sweep = Math.max(50, Math.min(500, settings.readTimeout().toMillis() / 4));
        timers.scheduleAtFixedRate(guard::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    int port() {
        return connector.getLocalPort();
    }

    void stop() {
        try {
            if (server != null) server.stop();
        } catch (Exception e) {
            log.println("posmortem serve: stopping: " + RequestLog.printable(String.valueOf(e), 300));
            log.flush();
        }
        if (timers != null) timers.shutdownNow();
        if (work != null) work.shutdownNow();
    }

    /** Connections open now (as the connection guard counts them). */
    int openConnections() {
        return guard.openConnections();
    }

    Engine engine() {
        return engine.get();
    }

    private Engine budgeted(Engine e) {
        return new Engine(e.triage().withBudget(settings.timeout()), e.reports());
    }

    /** Workers whose triage has run past its timeout plus {@link #STUCK_GRACE}. */
    int stuckWorkers() {
        long limit = settings.timeout().plus(STUCK_GRACE).toNanos();
        long now = System.nanoTime();
        return (int) running.values().stream().filter(start -> now - start > limit).count();
    }

    /** One request: answered once (by its handler, its triage worker or a timer, whichever comes first), then logged. */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final Connection connection;
        final long started = System.nanoTime();
        final AtomicBoolean answered = new AtomicBoolean();

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.connection = request.getConnectionMetaData().getConnection();
        }

        boolean answered() {
            return answered.get();
        }

        /** Sends {@code body} with {@code status} unless this exchange was already answered; {@code cause} is logged for 5xx. */
        boolean answer(int status, String body, String cause, boolean close, Map<String, String> headers) {
            if (!answered.compareAndSet(false, true)) return false;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try {
                response.setStatus(status);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.getHeaders().put("X-Content-Type-Options", "nosniff");
                headers.forEach((k, v) -> response.getHeaders().put(k, v));
                if (close) response.getHeaders().put(HttpHeader.CONNECTION, "close");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
                response.write(true, ByteBuffer.wrap(bytes), Callback.from(() -> {
                    finish(status, bytes.length, cause);
                    callback.succeeded();
                }, failure -> {
                    finish(status, bytes.length, cause == null ? "response not delivered: " + failure : cause);
                    callback.failed(failure);
                }));
            } catch (RuntimeException e) {
                finish(status, 0, "response not delivered: " + e);
                callback.failed(e);
            }
            return true;
        }

        boolean answer(int status, String body, String cause) {
            return answer(status, body, cause, false, Map.of());
        }

        private void finish(int status, int bytes, String cause) {
            if (cause != null) request.setAttribute(CAUSE, cause);
            guard.requestDone(connection);
        }
    }

    /** Request attribute carrying why a request failed, for the log line. */
    private static final String CAUSE = "io.posmortem.serve.cause";

    /**
     * One log line per request, also for requests the server refuses before routing (malformed
     * request lines or headers: 400, 431); {@code --quiet} keeps only the 5xx ones.
     */
    private void log(Request request, Response response) {
        int status = response.getStatus();
        if (settings.quiet() && status < 500) return;
        Object cause = request.getAttribute(CAUSE);
        long millis = Math.max(0, (System.nanoTime() - request.getHeadersNanoTime()) / 1_000_000);
        String line = RequestLog.line(remote(request), request.getMethod(), request.getHttpURI().getPath(), status, millis,
                Response.getContentBytesWritten(response), status >= 500 ? (cause == null ? "unknown" : cause.toString()) : null);
        log.println(line);
        log.flush();
    }

    /** Routes by exact path after the Host and Origin checks. */
    private final class Front extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Exchange ex = new Exchange(request, response, callback);
            if (guard.refused(ex.connection)) {
                ex.answer(503, error("too-many-connections", "this client has more than " + settings.perClient() + " connections open"),
                        "client over its connection limit", true, Map.of());
                return true;
            }
            guard.requestStarted(ex.connection);
            try {
                route(ex);
            } catch (Throwable t) {
                ex.answer(500, error("internal", "internal error"), "handler failed: " + t, true, Map.of());
            }
            return true;
        }
    }

    private void route(Exchange ex) {
        Request request = ex.request;
        String hostHeader = request.getHeaders().get(HttpHeader.HOST);
        String uriHost = request.getHttpURI().getHost();
        if (!policy.hostAllowed(hostHeader) || (uriHost != null && !policy.hostAllowed(uriHost))) {
            ex.answer(403, error("forbidden-host", "the Host header must name this machine (" + String.join(", ", policy.allowedHosts())
                    + "); start serve with --allow-host NAME to accept another name"), null);
            return;
        }
        if (!policy.originAllowed(request.getHeaders().get(HttpHeader.ORIGIN))) {
            ex.answer(403, error("forbidden-origin", "cross-origin requests are refused (Origin must be one of "
                    + String.join(", ", policy.allowedHosts()) + ")"), null);
            return;
        }
        String path = request.getHttpURI().getPath();
        switch (path == null ? "" : path) {
            case "/health" -> health(ex);
            case "/triage" -> triage(ex);
            case "/admin/reload" -> reload(ex);
            default -> ex.answer(404, error("not-found", "endpoints: POST /triage, GET /health, POST /admin/reload"), null);
        }
    }

    private void health(Exchange ex) {
        if (!ex.request.getMethod().equals("GET")) {
            ex.answer(405, error("method-not-allowed", "use GET"), null, false, Map.of("Allow", "GET"));
            return;
        }
        Engine e = engine.get();
        int stuckSessions = io.posmortem.inference.Reasoner.stuckSessions();
        int stuck = stuckWorkers();
        boolean degraded = stuck > 0 || stuckSessions > 0;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", degraded ? "degraded" : "ok");
        body.put("version", Version.VALUE);
        body.put("rules", e.triage().rules().fingerprint());
        body.put("knowledge_base", e.triage().knowledge().fingerprint());
        body.put("workers", settings.workers());
        body.put("busy_workers", running.size());
        body.put("stuck_workers", stuck);
        body.put("stuck_rule_sessions", stuckSessions);
        ex.answer(degraded ? 503 : 200, JsonRenderer.prettyValue(body),
                degraded ? stuck + " worker(s) past their timeout, " + stuckSessions + " rule session(s) that could not be stopped" : null);
    }

    private void triage(Exchange ex) {
        Request request = ex.request;
        if (!request.getMethod().equals("POST")) {
            ex.answer(405, error("method-not-allowed", "POST a symptom file (YAML or JSON) as the body"), null, false, Map.of("Allow", "POST"));
            return;
        }
        if (!RequestPolicy.symptomType(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            drainThen(ex, () -> ex.answer(415, error("unsupported-media-type", "send the symptom file with Content-Type application/yaml or application/json"),
                    null, true, Map.of("Accept-Post", String.join(", ", RequestPolicy.SYMPTOM_TYPES.stream().sorted().toList()))));
            return;
        }
        int maxBody = settings.maxBody();
        if (request.getLength() > maxBody) {
            drainThen(ex, () -> ex.answer(413, error("too-large", "the body is larger than " + maxBody + " bytes"), null, true, Map.of()));
            return;
        }
        CompletableFuture<byte[]> read = Content.Source.asByteArrayAsync(request, maxBody);
        long readSeconds = settings.readTimeout().toSeconds();
        ScheduledFuture<?> deadline = timers.schedule(() -> ex.answer(408, error("body-timeout",
                "the body did not arrive within " + readSeconds + " s"), null, true, Map.of()), settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        read.whenComplete((bytes, failure) -> {
            deadline.cancel(false);
            if (ex.answered()) return;
            if (failure != null) {
                if (Request.getContentBytesRead(request) > maxBody || String.valueOf(failure).toLowerCase().contains("too large")) {
                    ex.answer(413, error("too-large", "the body is larger than " + maxBody + " bytes"), null, true, Map.of());
                } else {
                    ex.answer(400, error("bad-body", "the body could not be read"), null, true, Map.of());
                }
                return;
            }
            dispatch(ex, bytes);
        });
    }

    /**
     * Reads and discards a refused request's body (when its declared length is at most 16 times
     * {@code --max-body}, within the read deadline), then answers: a server that closes with the
     * body unread makes the client's system reset the connection, and the client may never see
     * the answer.
     */
    private void drainThen(Exchange ex, Runnable answer) {
        long length = ex.request.getLength();
        if (length <= 0 || length > 16L * settings.maxBody()) {
            answer.run();
            return;
        }
        long readSeconds = settings.readTimeout().toSeconds();
        ScheduledFuture<?> deadline = timers.schedule(() -> ex.answer(408, error("body-timeout",
                "the body did not arrive within " + readSeconds + " s"), null, true, Map.of()), settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        Content.Source.consumeAll(ex.request, Callback.from(() -> {
            deadline.cancel(false);
            answer.run();
        }, failure -> {
            deadline.cancel(false);
            answer.run();
        }));
    }

    /** Runs the triage on a worker, answering 503 at the timeout; the worker's slot is freed when it returns. */
    private void dispatch(Exchange ex, byte[] body) {
        Engine e = engine.get();
        if (!slots.tryAcquire()) {
            ex.answer(503, error("busy", "every triage worker is busy; retry later"), "all " + settings.workers() + " workers busy");
            return;
        }
        Object job = new Object();
        running.put(job, System.nanoTime());
        long seconds = settings.timeout().toSeconds();
        ScheduledFuture<?> timeout = timers.schedule(() -> ex.answer(503, error("timeout", "triage took longer than " + seconds + " s"),
                "triage over " + seconds + " s"), settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            work.execute(() -> {
                Outcome o;
                try {
                    o = triage(e, body);
                } catch (Throwable t) {
                    o = new Outcome(500, error("internal", "internal error"), "triage failed: " + t);
                } finally {
                    // The work has stopped: free the slot before answering, so the client's next request finds it free.
                    running.remove(job);
                    slots.release();
                }
                timeout.cancel(false);
                ex.answer(o.status, o.body, o.cause);
            });
        } catch (RejectedExecutionException x) {
            timeout.cancel(false);
            running.remove(job);
            slots.release();
            ex.answer(503, error("stopping", "the service is stopping"), "triage refused: " + x);
        }
    }

    private record Outcome(int status, String body, String cause) {}

    /** The status and body for one symptom file. */
    private static Outcome triage(Engine e, byte[] body) {
        Report report;
        try {
            report = e.reports().diagnosed(e.triage().runUntrusted(SourceText.of("request", body)));
            return new Outcome(200, JsonRenderer.pretty(report), null);
        } catch (InvalidInputException x) {
            return new Outcome(422, JsonRenderer.pretty(e.reports().invalid("request", x.problems())), null);
        } catch (InferenceException x) {
            String first = x.problems().isEmpty() ? "rules failed" : x.problems().get(0).oneLine();
            boolean timedOut = x.problems().stream().anyMatch(p -> p.code().startsWith("inference.timeout"));
            return new Outcome(timedOut ? 503 : 500, JsonRenderer.pretty(e.reports().failed("request", x.problems())), first);
        } catch (Deadline.Exceeded x) {
            return new Outcome(503, error("timeout", "triage stopped at its deadline: " + x.getMessage()), x.getMessage());
        }
    }

    private void reload(Exchange ex) {
        Request request = ex.request;
        if (!request.getMethod().equals("POST")) {
            ex.answer(405, error("method-not-allowed", "use POST"), null, false, Map.of("Allow", "POST"));
            return;
        }
        if (settings.reloadToken() != null) {
            if (!RequestPolicy.tokenMatches(request.getHeaders().get(HttpHeader.AUTHORIZATION), settings.reloadToken())) {
                ex.answer(401, error("unauthorized", "send the reload token (the content of --reload-token-file) as Authorization: Bearer TOKEN"),
                        null, false, Map.of("WWW-Authenticate", "Bearer"));
                return;
            }
        } else {
            if (!loopback(request.getConnectionMetaData().getRemoteSocketAddress())) {
                ex.answer(403, error("forbidden", "reload is accepted from loopback only (or with --reload-token-file)"), null);
                return;
            }
            if (request.getHeaders().get(HttpHeader.ORIGIN) != null) {
                ex.answer(403, error("forbidden-origin", "reload is not accepted from a browser page (or use --reload-token-file)"), null);
                return;
            }
        }
        if (liveSmokes.get() >= MAX_ABANDONED_SMOKES) {
            ex.answer(503, error("reload-checks-stuck", "smoke triages of earlier rejected packs are still running; restart the service"),
                    liveSmokes.get() + " smoke triage(s) of rejected packs still running");
            return;
        }
        if (!reloading.compareAndSet(false, true)) {
            ex.answer(409, kept("another reload is in progress", List.of()), null);
            return;
        }
        try {
            Engine fresh;
            try {
                fresh = budgeted(source.load());
            } catch (KnowledgeBaseException | RulePackException e) {
                List<Problem> problems = e instanceof KnowledgeBaseException k ? k.problems() : ((RulePackException) e).problems();
                ex.answer(409, kept("the new rules or knowledge base are broken; the old ones stay in force",
                        problems.stream().map(Problem::oneLine).toList()), null);
                return;
            }
            List<String> failures = smoke(fresh);
            if (!failures.isEmpty()) {
                ex.answer(409, kept("the new rules failed the smoke triage; the old ones stay in force", failures), null);
                return;
            }
            engine.set(fresh);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "reloaded");
            body.put("rules", fresh.triage().rules().fingerprint());
            body.put("knowledge_base", fresh.triage().knowledge().fingerprint());
            ex.answer(200, JsonRenderer.prettyValue(body), null);
        } finally {
            reloading.set(false);
        }
    }

    /**
     * Triages the smoke case with a new engine on a thread of its own, under the request timeout;
     * returns why it failed (empty: it passed). A triage that does not return in time is
     * abandoned (its thread is counted until it ends).
     */
    private List<String> smoke(Engine fresh) {
        SourceText input;
        try {
            input = smokeInput();
        } catch (InvalidInputException | IOException e) {
            return List.of("the smoke case cannot be read: " + RequestLog.printable(e.getMessage(), 300));
        }
        FutureTask<Object> task = new FutureTask<>(() -> fresh.triage().run(input));
        liveSmokes.incrementAndGet();
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                liveSmokes.decrementAndGet();
            }
        }, "posmortem-reload-check");
        thread.setDaemon(true);
        thread.start();
        long wait = settings.timeout().plus(STUCK_GRACE).toNanos();
        try {
            task.get(wait, TimeUnit.NANOSECONDS);
            return List.of();
        } catch (TimeoutException t) {
            return List.of("the smoke triage of " + input.source() + " did not finish within " + settings.timeout().toSeconds() + " s");
        } catch (InterruptedException t) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while checking the new rules");
        } catch (ExecutionException t) {
            Throwable cause = t.getCause();
            if (cause instanceof InferenceException i) return i.problems().stream().map(Problem::oneLine).toList();
            if (cause instanceof InvalidInputException i) return i.problems().stream().map(Problem::oneLine).toList();
            return List.of("the smoke triage of " + input.source() + " failed: " + RequestLog.printable(String.valueOf(cause), 300));
        }
    }

    private SourceText smokeInput() throws InvalidInputException, IOException {
        Path file = settings.smokeCase();
        if (file != null) {
            // Only a regular file: a FIFO or device would block the reload.
            if (!Files.isRegularFile(file)) throw new IOException(file + " is not a regular file");
            return SourceText.read(file);
        }
        try (InputStream in = TriageService.class.getResourceAsStream(BUILT_IN_SMOKE_CASE)) {
            if (in == null) throw new IOException("the built-in smoke case is missing from the build");
            return SourceText.of("built-in smoke case", in.readAllBytes());
        }
    }

    /**
     * Answers the requests the server refuses itself (a malformed request line or header, headers
     * too large) in the same JSON shape as every other error, with the status's reason phrase
     * only: nothing the client sent is echoed.
     */
    private static boolean serverError(Request request, Response response, Callback callback) {
        Object code = request.getAttribute(ErrorHandler.ERROR_STATUS);
        int status = code instanceof Integer i ? i : response.getStatus();
        if (status < 400) status = 500;
        if (status >= 500) request.setAttribute(CAUSE, "refused by the HTTP server: " + HttpStatus.getMessage(status));
        byte[] bytes = error(status < 500 ? "bad-request" : "internal", HttpStatus.getMessage(status)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    private static String kept(String message, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "kept");
        body.put("message", message);
        body.put("problems", problems);
        return JsonRenderer.prettyValue(body);
    }

    static String error(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("code", code);
        body.put("message", message);
        return JsonRenderer.prettyValue(body);
    }

    private static boolean loopback(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) return false;
        InetAddress a = inet.getAddress();
        return a != null && a.isLoopbackAddress();
    }

    private static String remote(Request request) {
        SocketAddress address = request.getConnectionMetaData().getRemoteSocketAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) return inet.getAddress().getHostAddress();
        return "-";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
