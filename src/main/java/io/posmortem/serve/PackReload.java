package io.posmortem.serve;

import io.posmortem.inference.InferenceException;
import io.posmortem.inference.RulePackException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.SourceText;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.model.Problem;
import io.posmortem.report.JsonRenderer;
import io.posmortem.serve.TriageService.Engine;
import io.posmortem.serve.TriageService.EngineSource;
import io.posmortem.serve.TriageService.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * {@code POST /admin/reload}: loads the rules and knowledge base again and swaps them in, only if
 * they load and triage the smoke case within the request timeout; otherwise the old ones stay in
 * force (409). Accepted with the reload token, or without one from loopback and not from a
 * browser page.
 */
final class PackReload {

    /** At most this many smoke triages of rejected packs may still be running; further reloads get 503. */
    static final int MAX_ABANDONED_SMOKES = 2;

    /** The built-in symptom file a new pack must triage before a reload swaps it in. */
    static final String BUILT_IN_SMOKE_CASE = "smoke-case.yaml";

    private final Settings settings;
    private final EngineSource source;
    private final AtomicReference<Engine> engine;
    private final AtomicBoolean reloading = new AtomicBoolean();
    private final AtomicInteger liveSmokes = new AtomicInteger();

    PackReload(Settings settings, EngineSource source, AtomicReference<Engine> engine) {
        this.settings = settings;
        this.source = source;
        this.engine = engine;
    }

    /** {@code POST /admin/reload}: authorised, one at a time, swapped in only after the new pack loads and triages the smoke case. */
    void handle(Exchange ex) {
        Request request = ex.request;
        if (!request.getMethod().equals("POST")) {
            ex.answer(405, Replies.error("method-not-allowed", "use POST"), null, false, Map.of("Allow", "POST"));
            return;
        }
        if (settings.reloadToken() != null) {
            if (!RequestPolicy.tokenMatches(request.getHeaders().get(HttpHeader.AUTHORIZATION), settings.reloadToken())) {
                ex.answer(401, Replies.error("unauthorized", "send the reload token (the content of --reload-token-file) as Authorization: Bearer TOKEN"),
                        null, false, Map.of("WWW-Authenticate", "Bearer"));
                return;
            }
        } else {
            if (!loopback(request.getConnectionMetaData().getRemoteSocketAddress())) {
                ex.answer(403, Replies.error("forbidden", "reload is accepted from loopback only (or with --reload-token-file)"), null);
                return;
            }
            if (request.getHeaders().get(HttpHeader.ORIGIN) != null) {
                ex.answer(403, Replies.error("forbidden-origin", "reload is not accepted from a browser page (or use --reload-token-file)"), null);
                return;
            }
        }
        if (liveSmokes.get() >= MAX_ABANDONED_SMOKES) {
            ex.answer(503, Replies.error("reload-checks-stuck", "smoke triages of earlier rejected packs are still running; restart the service"),
                    liveSmokes.get() + " smoke triage(s) of rejected packs still running");
            return;
        }
        if (!reloading.compareAndSet(false, true)) {
            ex.answer(409, Replies.kept("another reload is in progress", List.of()), null);
            return;
        }
        try {
            Engine fresh;
            try {
                fresh = source.load().withBudget(settings.timeout());
            } catch (KnowledgeBaseException | RulePackException e) {
                List<Problem> problems = e.problems();
                ex.answer(409, Replies.kept("the new rules or knowledge base are broken; the old ones stay in force",
                        problems.stream().map(Problem::oneLine).toList()), null);
                return;
            }
            List<String> failures = smoke(fresh);
            if (!failures.isEmpty()) {
                ex.answer(409, Replies.kept("the new rules failed the smoke triage; the old ones stay in force", failures), null);
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
     * The smoke triage's budget at least: a freshly compiled pack's first triage on a loaded
     * machine may take longer than a short request timeout without being broken.
     */
    static final Duration SMOKE_MINIMUM = Duration.ofSeconds(10);

    /**
     * Triages the smoke case with a new engine on a thread of its own, under the request timeout
     * or {@link #SMOKE_MINIMUM}, whichever is longer;
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
        Duration budget = settings.timeout().compareTo(SMOKE_MINIMUM) > 0 ? settings.timeout() : SMOKE_MINIMUM;
        FutureTask<Object> task = new FutureTask<>(() -> fresh.triage().withBudget(budget).run(input));
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
        long wait = budget.plus(TriageService.STUCK_GRACE).toNanos();
        try {
            task.get(wait, TimeUnit.NANOSECONDS);
            return List.of();
        } catch (TimeoutException t) {
            return List.of("the smoke triage of " + input.source() + " did not finish within " + budget.toSeconds() + " s");
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
        try (InputStream in = PackReload.class.getResourceAsStream(BUILT_IN_SMOKE_CASE)) {
            if (in == null) throw new IOException("the built-in smoke case is missing from the build");
            return SourceText.of("built-in smoke case", in.readAllBytes());
        }
    }


    private static boolean loopback(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) return false;
        InetAddress a = inet.getAddress();
        return a != null && a.isLoopbackAddress();
    }
}
