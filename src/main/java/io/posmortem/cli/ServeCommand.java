package io.posmortem.cli;

import io.posmortem.engine.Triage;
import io.posmortem.inference.RulePackException;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.report.ReportBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code posmortem serve}: triage over HTTP. {@code POST /triage} with a symptom file as the body
 * returns the JSON report; {@code GET /health} says whether the service is well and which rules it
 * runs; {@code POST /admin/reload} re-reads the rules and knowledge base from disk, triages a smoke
 * case with them, and swaps them in atomically, keeping the old ones if the new ones are broken or
 * do not finish. Rules are never accepted over HTTP, and inputs that name files are refused. The
 * limits (body size, read deadlines, connections per client, triage time and workers) are
 * options; {@link TriageService} enforces them.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serves triage over HTTP: POST /triage (symptom file in, JSON report out), GET /health, POST /admin/reload.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    static final int MAX_BODY_LIMIT = 64 * 1024 * 1024;
    static final int MAX_TIMEOUT = 3600;
    static final int MAX_CONCURRENCY = 256;
    static final int MAX_READ_TIMEOUT = 600;
    static final int MAX_CONNECTIONS_LIMIT = 100_000;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
    String host = "127.0.0.1";

    @Option(names = "--port", defaultValue = "8080", description = "Port, 0-65535 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest accepted request body, 1 B to 64 MiB (default: ${DEFAULT-VALUE}).")
    int maxBody = 1048576;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "10",
            description = "Seconds one triage may take, 1-3600; it is the triage's own budget, and the request gets 503 past it (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 10;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "0",
            description = "Triage workers, 0-256; requests beyond them get 503 (default: 0, meaning 2 x cores).")
    int concurrency = 0;

    @Option(names = "--read-timeout", paramLabel = "S", defaultValue = "10",
            description = "Seconds a client may take to send its request headers, and again its body, 1-600 (default: ${DEFAULT-VALUE}).")
    int readTimeoutSeconds = 10;

    @Option(names = "--max-connections-per-client", paramLabel = "N", defaultValue = "64",
            description = "Open connections one client address may hold, 1-100000; more are closed (default: ${DEFAULT-VALUE}).")
    int perClient = 64;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "512",
            description = "Open connections in all, 1-100000; past it new ones wait to be accepted (default: ${DEFAULT-VALUE}).")
    int maxConnections = 512;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "A host name clients may use besides localhost, 127.0.0.1 and [::1] (Host and Origin headers); repeatable.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--reload-token-file", paramLabel = "FILE",
            description = "File holding the token POST /admin/reload must send as 'Authorization: Bearer TOKEN'; without it, reload is accepted from loopback only and never from a browser page.")
    Path reloadTokenFile;

    @Option(names = "--smoke-case", paramLabel = "FILE",
            description = "Symptom file a new rule pack must triage before /admin/reload swaps it in (default: a built-in one).")
    Path smokeCase;

    @Option(names = "--quiet", description = "Log only failed requests (5xx), not one line per request.")
    boolean quiet;

    @CommandLine.Mixin
    RuleSources sources = new RuleSources();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private TriageService service;
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        TriageService.Settings settings = settings();
        TriageService.Engine first;
        try {
            first = load();
        } catch (KnowledgeBaseException | RulePackException e) {
            err.println("posmortem serve: cannot load the rules or knowledge base: " + e.getMessage());
            err.flush();
            return ExitCodes.RULES;
        }
        service = new TriageService(settings, this::load, err);
        try {
            service.start(first);
        } catch (Exception e) {
            err.println("posmortem serve: cannot listen on " + host + ":" + port + ": " + bindFailure(e));
            err.flush();
            return ExitCodes.UNAVAILABLE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("posmortem serve: listening on http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + service.port()
                + " (POST /triage, GET /health, POST /admin/reload)");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "posmortem-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    TriageService.Engine load() throws KnowledgeBaseException, RulePackException {
        Triage triage = sources.load();
        return new TriageService.Engine(triage, new ReportBuilder(triage.knowledge(), triage.rules().fingerprint(), Version.VALUE));
    }

    /** Loads the rules and starts serving (for embedding and tests; {@link #call()} does the same and waits). */
    void open() throws Exception {
        open(new PrintWriter(System.err, true));
    }

    void open(PrintWriter log) throws Exception {
        service = new TriageService(settings(), this::load, log);
        service.start(load());
    }

    int port() {
        return service.port();
    }

    void stop() {
        if (service != null) service.stop();
        stopped.countDown();
    }

    /** The options checked and turned into the service's settings; a value out of range is a usage error naming its option. */
    TriageService.Settings settings() {
        range("--port", port, 0, 65535);
        range("--max-body", maxBody, 1, MAX_BODY_LIMIT);
        range("--timeout", timeoutSeconds, 1, MAX_TIMEOUT);
        range("--concurrency", concurrency, 0, MAX_CONCURRENCY);
        range("--read-timeout", readTimeoutSeconds, 1, MAX_READ_TIMEOUT);
        range("--max-connections-per-client", perClient, 1, MAX_CONNECTIONS_LIMIT);
        range("--max-connections", maxConnections, 1, MAX_CONNECTIONS_LIMIT);
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        for (String h : allowHosts) {
            if (h.isBlank() || !h.matches("[A-Za-z0-9._:\\[\\]-]+")) usage("--allow-host: '" + RequestLog.printable(h, 100) + "' is not a host name or address");
            hosts.add(h);
        }
        // Clients reaching a non-wildcard bind address use that address as their Host.
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) hosts.add(host);
        int workers = concurrency > 0 ? concurrency : 2 * Runtime.getRuntime().availableProcessors();
        return new TriageService.Settings(host, port, maxBody, Duration.ofSeconds(timeoutSeconds), workers, Duration.ofSeconds(readTimeoutSeconds),
                perClient, maxConnections, hosts, reloadToken(), smokeCase, quiet);
    }

    /** SHA-256 of the token in {@code --reload-token-file} (null without one). */
    private byte[] reloadToken() {
        if (reloadTokenFile == null) return null;
        // Only a regular file: a FIFO would block start-up, a device could be endless.
        if (!Files.isRegularFile(reloadTokenFile)) usage("--reload-token-file: " + reloadTokenFile + " is not a regular file");
        String token;
        try {
            if (Files.size(reloadTokenFile) > 4096) usage("--reload-token-file: " + reloadTokenFile + " is larger than 4096 bytes; it should hold one token");
            token = Files.readString(reloadTokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            usage("--reload-token-file: cannot read " + reloadTokenFile + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
        if (token.length() < 16) usage("--reload-token-file: the token in " + reloadTokenFile + " is shorter than 16 characters");
        if (token.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) usage("--reload-token-file: the token must be one line without spaces or control characters");
        return RequestPolicy.digest(token);
    }

    private void range(String option, int value, int min, int max) {
        if (value < min || value > max) usage(option + " must be between " + min + " and " + max + " (got " + value + ")");
    }

    private void usage(String message) {
        if (spec == null) throw new IllegalArgumentException(message);
        throw new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Why binding failed, in words (never a stack trace). */
    static String bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) return "the address is in use or not available (" + b.getMessage() + ")";
            if (t instanceof UnknownHostException) return "unknown host";
        }
        return String.valueOf(e.getMessage());
    }
}
