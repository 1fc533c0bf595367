package io.posmortem.serve;

import io.posmortem.engine.ProductVersion;
import io.posmortem.engine.Triage;
import io.posmortem.inference.RulePackException;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.ReportBuilder;
import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.HistoryFilter;
import io.posmortem.archive.IncidentArchive;
import io.posmortem.archive.IncidentSummary;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
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
public final class TriageService {

    /** The rules and knowledge in force, swapped as one. */
    public record Engine(Triage triage, ReportBuilder reports) {

        /** The rules and knowledge of {@code triage}, with reports stamped with this version of posmortem. */
        public static Engine of(Triage triage) {
            return new Engine(triage, triage.reports());
        }

        /** The same engine with each triage held to {@code perInput} from intake to its last firing. */
        Engine withBudget(Duration perInput) {
            return new Engine(triage.withBudget(perInput), reports);
        }
    }

    /** Loads the rules and knowledge base from wherever they are configured (again at each reload). */
    public interface EngineSource {
        Engine load() throws KnowledgeBaseException, RulePackException;
    }

    /**
     * The service's limits. {@code reloadToken} is the SHA-256 of the reload token (null: reload
     * from loopback only); {@code smokeCase} the symptom file triaged with a new pack before it is
     * swapped in (null: the built-in one).
     */
    public record Settings(String host, int port, int maxBody, Duration timeout, int workers, Duration readTimeout, int perClient,
            int maxConnections, Set<String> allowHosts, byte[] reloadToken, Path smokeCase, boolean quiet) {}

    /** How long past its timeout a worker may take to notice its deadline before it counts as stuck. */
    static final Duration STUCK_GRACE = Duration.ofSeconds(1);

    private final Settings settings;
    private final EngineSource source;
    private final PrintWriter log;
    private final RequestPolicy policy;
    private final AtomicReference<Engine> engine = new AtomicReference<>();
    private final Map<Object, Long> running = new ConcurrentHashMap<>();
    private final PackReload reload;
    private final IncidentArchive archive;
    private TriageEndpoint triage;
    private ExecutorService work;
    private ScheduledThreadPoolExecutor timers;
    private ConnectionGuard guard;
    private Server server;
    private ServerConnector connector;

    public TriageService(Settings settings, EngineSource source, PrintWriter log) {
        this(settings, source, log, null);
    }

    /**
     * A service that keeps every input it triages to a report in {@code archive} (null: none),
     * labelled with the client's address, and lists them at {@code GET /incidents}.
     */
    public TriageService(Settings settings, EngineSource source, PrintWriter log, IncidentArchive archive) {
        this.archive = archive;
        this.settings = settings;
        this.source = source;
        this.log = log;
        this.policy = new RequestPolicy(settings.allowHosts());
        this.reload = new PackReload(settings, source, engine);
    }

    /** Puts {@code first} in force and starts listening; a failure to bind is thrown (with the server stopped). */
    public void start(Engine first) throws Exception {
        engine.set(first.withBudget(settings.timeout()));
        timers = new ScheduledThreadPoolExecutor(1, daemon("posmortem-timer"));
        timers.setRemoveOnCancelPolicy(true);
        work = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("posmortem-triage"));
        guard = new ConnectionGuard(settings.perClient(), settings.readTimeout().toNanos(), timers);
        triage = new TriageEndpoint(settings, engine, running, timers, work, archive);

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
        server.setErrorHandler(Replies::serverError);
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

    public int port() {
        return connector.getLocalPort();
    }

    public void stop() {
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
    public int openConnections() {
        return guard.openConnections();
    }

    public Engine engine() {
        return engine.get();
    }

    /** Workers whose triage has run past its timeout plus {@link #STUCK_GRACE}. */
    public int stuckWorkers() {
        long limit = settings.timeout().plus(STUCK_GRACE).toNanos();
        long now = System.nanoTime();
        return (int) running.values().stream().filter(start -> now - start > limit).count();
    }

    /**
     * One log line per request, also for requests the server refuses before routing (malformed
     * request lines or headers: 400, 431); {@code --quiet} keeps only the 5xx ones.
     */
    private void log(Request request, Response response) {
        int status = response.getStatus();
        if (settings.quiet() && status < 500) return;
        Object cause = request.getAttribute(Replies.CAUSE);
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
            Exchange ex = new Exchange(request, response, callback, guard);
            if (guard.refused(ex.connection)) {
                ex.answer(503, Replies.error("too-many-connections", "this client has more than " + settings.perClient() + " connections open"),
                        "client over its connection limit", true, Map.of());
                return true;
            }
            guard.requestStarted(ex.connection);
            try {
                route(ex);
            } catch (Throwable t) {
                ex.answer(500, Replies.error("internal", "internal error"), "handler failed: " + t, true, Map.of());
            }
            return true;
        }
    }

    private void route(Exchange ex) {
        Request request = ex.request;
        String hostHeader = request.getHeaders().get(HttpHeader.HOST);
        String uriHost = request.getHttpURI().getHost();
        if (!policy.hostAllowed(hostHeader) || (uriHost != null && !policy.hostAllowed(uriHost))) {
            ex.answer(403, Replies.error("forbidden-host", "the Host header must name this machine (" + String.join(", ", policy.allowedHosts())
                    + "); start serve with --allow-host NAME to accept another name"), null);
            return;
        }
        if (!policy.originAllowed(request.getHeaders().get(HttpHeader.ORIGIN))) {
            ex.answer(403, Replies.error("forbidden-origin", "cross-origin requests are refused (Origin must be one of "
                    + String.join(", ", policy.allowedHosts()) + ")"), null);
            return;
        }
        String path = request.getHttpURI().getPath();
        if ("/report".equals(path) && !RequestPolicy.fetchSiteAllowed(request.getHeaders().get("Sec-Fetch-Site"))) {
            ex.answer(403, FormPage.refused("Forbidden", "the form may only be posted from this service's own page"), null, false,
                    withHeaders(Map.of()));
            return;
        }
        switch (path == null ? "" : path) {
            case "/health" -> health(ex);
            case "/" -> form(ex);
            case "/report" -> triage.handleForm(ex);
            case "/triage" -> triage.handle(ex);
            case "/admin/reload" -> reload.handle(ex);
            case "/incidents" -> incidents(ex);
            default -> ex.answer(404, Replies.error("not-found", "endpoints: GET /, POST /report, POST /triage, GET /health, GET /incidents, POST /admin/reload"), null);
        }
    }

    /** {@code GET /}: the form page (HTML, no scripts) that posts a symptom file to {@code /report}. */
    private void form(Exchange ex) {
        String method = ex.request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.answer(405, FormPage.refused("Method not allowed", "use GET"), null, false, withHeaders(Map.of("Allow", "GET, HEAD")));
            return;
        }
        ex.answer(200, FormPage.form(settings.maxBody()), null, false, FormPage.HEADERS);
    }

    private static Map<String, String> withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(FormPage.HEADERS);
        all.putAll(more);
        return all;
    }

    private void health(Exchange ex) {
        if (!ex.request.getMethod().equals("GET")) {
            ex.answer(405, Replies.error("method-not-allowed", "use GET"), null, false, Map.of("Allow", "GET"));
            return;
        }
        Engine e = engine.get();
        int stuckSessions = io.posmortem.inference.Reasoner.stuckSessions();
        int stuck = stuckWorkers();
        boolean degraded = stuck > 0 || stuckSessions > 0;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", degraded ? "degraded" : "ok");
        body.put("version", ProductVersion.VALUE);
        body.put("rules", e.triage().rules().fingerprint());
        body.put("knowledge_base", e.triage().knowledge().fingerprint());
        body.put("workers", settings.workers());
        body.put("busy_workers", running.size());
        body.put("stuck_workers", stuck);
        body.put("stuck_rule_sessions", stuckSessions);
        ex.answer(degraded ? 503 : 200, JsonRenderer.prettyValue(body),
                degraded ? stuck + " worker(s) past their timeout, " + stuckSessions + " rule session(s) that could not be stopped" : null);
    }

    /** {@code GET /incidents[?limit=N]}: the newest archived incidents (at most 100 unless {@code limit}, at most 10,000), as history lists them. */
    private void incidents(Exchange ex) {
        if (!ex.request.getMethod().equals("GET")) {
            ex.answer(405, Replies.error("method-not-allowed", "use GET"), null, false, Map.of("Allow", "GET"));
            return;
        }
        if (archive == null) {
            ex.answer(404, Replies.error("no-archive", "this service keeps no incidents (started with --no-archive)"), null);
            return;
        }
        int limit = 100;
        String query = ex.request.getHttpURI().getQuery();
        if (query != null && !query.isEmpty()) {
            if (!query.matches("limit=[0-9]{1,5}") || Integer.parseInt(query.substring(6)) < 1 || Integer.parseInt(query.substring(6)) > 10_000) {
                ex.answer(400, Replies.error("bad-query", "the only parameter is limit=N, N from 1 to 10000"), null);
                return;
            }
            limit = Integer.parseInt(query.substring(6));
        }
        try {
            List<IncidentSummary> listed = archive.history(new HistoryFilter(null, null, null, null, null, null, false, limit));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("incidents", listed);
            ex.answer(200, JsonRenderer.prettyValue(body), null);
        } catch (ArchiveException e) {
            ex.answer(500, Replies.error("archive", "the archive cannot be read"), e.getMessage());
        }
    }

    static String remote(Request request) {
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
