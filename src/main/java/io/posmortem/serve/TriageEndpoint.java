package io.posmortem.serve;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.IncidentArchive;
import io.posmortem.engine.ProductVersion;
import io.posmortem.engine.Triage;
import io.posmortem.engine.TriagedInput;
import io.posmortem.inference.InferenceException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.SourceText;
import io.posmortem.model.Deadline;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.Report;
import io.posmortem.report.TraceDocument;
import io.posmortem.report.TraceDocuments;
import io.posmortem.run.TriageRun;
import java.time.Instant;
import io.posmortem.serve.TriageService.Engine;
import io.posmortem.serve.TriageService.Settings;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /triage}: one symptom file in the body, its JSON report out (200 diagnosed, 422
 * invalid, 500 or 503 when the rules could not finish). A triage runs on one of {@code workers}
 * slots; the slot is given back only when the triage has really returned, not when the client
 * was answered 503 at the timeout.
 */
final class TriageEndpoint {
    private final Settings settings;
    private final AtomicReference<Engine> engine;
    private final Semaphore slots;
    private final Map<Object, Long> running;
    private final ScheduledExecutorService timers;
    private final ExecutorService work;
    private final IncidentArchive archive;

    /** {@code running} receives each triage in progress with its start ({@link System#nanoTime()}) while it runs. */
    TriageEndpoint(Settings settings, AtomicReference<Engine> engine, Map<Object, Long> running, ScheduledExecutorService timers,
            ExecutorService work, IncidentArchive archive) {
        this.archive = archive;
        this.settings = settings;
        this.engine = engine;
        this.slots = new Semaphore(settings.workers());
        this.running = running;
        this.timers = timers;
        this.work = work;
    }

    /** {@code POST /triage}: checks the method, type and size, reads the body under the read deadline, then dispatches it. */
    void handle(Exchange ex) {
        Request request = ex.request;
        if (!request.getMethod().equals("POST")) {
            ex.answer(405, Replies.error("method-not-allowed", "POST a symptom file (YAML or JSON) as the body"), null, false, Map.of("Allow", "POST"));
            return;
        }
        if (!RequestPolicy.symptomType(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            drainThen(ex, () -> ex.answer(415, Replies.error("unsupported-media-type", "send the symptom file with Content-Type application/yaml or application/json"),
                    null, true, Map.of("Accept-Post", String.join(", ", RequestPolicy.SYMPTOM_TYPES.stream().sorted().toList()))));
            return;
        }
        int maxBody = settings.maxBody();
        if (request.getLength() > maxBody) {
            drainThen(ex, () -> ex.answer(413, Replies.error("too-large", "the body is larger than " + maxBody + " bytes"), null, true, Map.of()));
            return;
        }
        CompletableFuture<byte[]> read = Content.Source.asByteArrayAsync(request, maxBody);
        long readSeconds = settings.readTimeout().toSeconds();
        ScheduledFuture<?> deadline = timers.schedule(() -> ex.answer(408, Replies.error("body-timeout",
                "the body did not arrive within " + readSeconds + " s"), null, true, Map.of()), settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        read.whenComplete((bytes, failure) -> {
            deadline.cancel(false);
            if (ex.answered()) return;
            if (failure != null) {
                if (Request.getContentBytesRead(request) > maxBody || String.valueOf(failure).toLowerCase().contains("too large")) {
                    ex.answer(413, Replies.error("too-large", "the body is larger than " + maxBody + " bytes"), null, true, Map.of());
                } else {
                    ex.answer(400, Replies.error("bad-body", "the body could not be read"), null, true, Map.of());
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
        ScheduledFuture<?> deadline = timers.schedule(() -> ex.answer(408, Replies.error("body-timeout",
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
            ex.answer(503, Replies.error("busy", "every triage worker is busy; retry later"), "all " + settings.workers() + " workers busy");
            return;
        }
        Object job = new Object();
        running.put(job, System.nanoTime());
        long seconds = settings.timeout().toSeconds();
        ScheduledFuture<?> timeout = timers.schedule(() -> ex.answer(503, Replies.error("timeout", "triage took longer than " + seconds + " s"),
                "triage over " + seconds + " s"), settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            work.execute(() -> {
                Outcome o;
                try {
                    o = triage(e, body, TriageService.remote(ex.request));
                } catch (Throwable t) {
                    o = new Outcome(500, Replies.error("internal", "internal error"), "triage failed: " + t);
                } finally {
                    // The work has stopped: free the slot before answering, so the client's next request finds it free.
                    running.remove(job);
                    slots.release();
                }
                timeout.cancel(false);
                if (o.incident == null) ex.answer(o.status, o.body, o.cause);
                else ex.answer(o.status, o.body, o.cause, false, Map.of(INCIDENT_HEADER, o.incident));
            });
        } catch (RejectedExecutionException x) {
            timeout.cancel(false);
            running.remove(job);
            slots.release();
            ex.answer(503, Replies.error("stopping", "the service is stopping"), "triage refused: " + x);
        }
    }

    /**
     * The header of a triage's answer naming the archived incident's id, or {@code not-archived}
     * when the archive could not keep it (the report is answered all the same).
     */
    static final String INCIDENT_HEADER = "X-Posmortem-Incident";

    private record Outcome(int status, String body, String cause, String incident) {
        Outcome(int status, String body, String cause) {
            this(status, body, cause, null);
        }
    }

    /** The status and body for one symptom file sent from {@code client}; a report is archived if the service keeps incidents. */
    private Outcome triage(Engine e, byte[] body, String client) {
        Report report;
        try {
            TriageRun run = e.triage().runUntrusted(SourceText.of("request", body));
            report = e.reports().diagnosed(run);
            String incident = null;
            if (archive != null) {
                Triage t = e.triage();
                TraceDocument doc = TraceDocuments.of(run, t.rules().fingerprint(), t.knowledge().fingerprint(), ProductVersion.VALUE);
                try {
                    incident = Long.toString(archive.store(new TriagedInput("request", "request", body, null, run, report, doc), client,
                            Instant.now(), false).id());
                } catch (ArchiveException x) {
                    incident = "not-archived";
                }
            }
            return new Outcome(200, JsonRenderer.pretty(report), null, incident);
        } catch (InvalidInputException x) {
            return new Outcome(422, JsonRenderer.pretty(e.reports().invalid("request", x.problems())), null);
        } catch (InferenceException x) {
            String first = x.problems().isEmpty() ? "rules failed" : x.problems().get(0).oneLine();
            boolean timedOut = x.problems().stream().anyMatch(p -> p.code().startsWith("inference.timeout"));
            return new Outcome(timedOut ? 503 : 500, JsonRenderer.pretty(e.reports().failed("request", x.problems())), first);
        } catch (Deadline.Exceeded x) {
            return new Outcome(503, Replies.error("timeout", "triage stopped at its deadline: " + x.getMessage()), x.getMessage());
        }
    }
}
