package io.posmortem.cli;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.ArchiveLocation;
import io.posmortem.archive.IncidentArchive;
import io.posmortem.serve.ServiceOptions;
import io.posmortem.serve.TriageService;
import io.posmortem.inference.RulePackException;
import io.posmortem.knowledge.KnowledgeBaseException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
        description = "Serves triage over HTTP: GET / (a form for a symptom file and config.json, posted to POST /report for the HTML report), POST /triage (symptom file in, JSON report out; kept in the incident archive unless --no-archive), "
                + "GET /health, GET /incidents, POST /admin/reload.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

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

    @Option(names = "--archive", paramLabel = "PATH|URL",
            description = "Keep every triaged input in this incident archive: a SQLite file, or jdbc:postgresql://HOST/DB with the password in "
                    + "POSMORTEM_ARCHIVE_PASSWORD or PGPASSWORD (default: $XDG_DATA_HOME/posmortem/incidents.db, else ~/.local/share/posmortem/incidents.db).")
    String archive;

    @Option(names = "--no-archive", description = "Keep nothing: no incident archive, no GET /incidents.")
    boolean noArchive;

    @CommandLine.Mixin
    RuleSources sources = new RuleSources();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private TriageService service;
    private IncidentArchive incidents;
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
        if (archive != null && noArchive) throw new CommandLine.ParameterException(spec.commandLine(), "--archive and --no-archive exclude each other");
        try {
            incidents = noArchive ? null : IncidentArchive.open(ArchiveLocation.of(archive, System.getenv()));
        } catch (ArchiveException e) {
            return ExitCodes.problems(err, e, ExitCodes.ARCHIVE);
        }
        service = new TriageService(settings, this::load, err, incidents);
        try {
            service.start(first);
        } catch (Exception e) {
            err.println("posmortem serve: cannot listen on " + host + ":" + port + ": " + ServiceOptions.bindFailure(e));
            err.flush();
            return ExitCodes.UNAVAILABLE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("posmortem serve: listening on http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + service.port()
                + " (GET / the form, POST /report, POST /triage, GET /health, " + (incidents == null ? "" : "GET /incidents, ") + "POST /admin/reload)"
                + (incidents == null ? "" : "; incidents kept in " + incidents.location().display()));
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "posmortem-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    TriageService.Engine load() throws KnowledgeBaseException, RulePackException {
        return TriageService.Engine.of(sources.load());
    }

    /** Loads the rules and starts serving (for embedding and tests; {@link #call()} does the same and waits). */
    void open() throws Exception {
        open(new PrintWriter(System.err, true));
    }

    /** As {@link #call()} without waiting; incidents are archived only to an {@code --archive} given explicitly. */
    void open(PrintWriter log) throws Exception {
        incidents = archive == null || noArchive ? null : IncidentArchive.open(ArchiveLocation.of(archive, System.getenv()));
        service = new TriageService(settings(), this::load, log, incidents);
        service.start(load());
    }

    int port() {
        return service.port();
    }

    void stop() {
        if (service != null) service.stop();
        if (incidents != null) incidents.close();
        stopped.countDown();
    }

    /** The options checked and turned into the service's settings; a value out of range is a usage error naming its option. */
    TriageService.Settings settings() {
        ServiceOptions options = new ServiceOptions(host, port, maxBody, timeoutSeconds, concurrency, readTimeoutSeconds, perClient,
                maxConnections, allowHosts, reloadTokenFile, smokeCase, quiet);
        try {
            return options.settings();
        } catch (IllegalArgumentException e) {
            if (spec == null) throw e;
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
