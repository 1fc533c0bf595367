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
import io.posmortem.report.HtmlRenderer;
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
        receive(ex, false, bytes -> dispatch(ex, false, e -> triage(e, bytes, TriageService.remote(ex.request))));
    }

    /**
     * {@code POST /report}: the form of {@code GET /} (multipart or URL-encoded), held to the same
     * size, read and triage limits as {@code /triage}, answered with HTML: the report (200), the
     * problems with their locations (422), or a page saying what went wrong.
     */
    void handleForm(Exchange ex) {
        Request request = ex.request;
        if (!request.getMethod().equals("POST")) {
            ex.answer(405, FormPage.refused("Method not allowed", "POST the form of the page at /"), null, false, html(Map.of("Allow", "POST")));
            return;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!ReportForm.formType(type)) {
            drainThen(ex, () -> ex.answer(415, FormPage.refused("Unsupported media type", "send the form as multipart/form-data or "
                    + "application/x-www-form-urlencoded (the page at / does)"), null, true,
                    html(Map.of("Accept-Post", ReportForm.MULTIPART + ", " + ReportForm.URLENCODED))));
            return;
        }
        receive(ex, true, bytes -> {
            ReportForm form;
            try {
                form = ReportForm.parse(type, bytes, settings.maxBody());
            } catch (ReportForm.Unusable x) {
                ex.answer(400, FormPage.refused("The form cannot be used", x.getMessage()), null, true, html(Map.of()));
                return;
            }
            dispatch(ex, true, e -> report(e, form, TriageService.remote(ex.request)));
        });
    }

    /** The HTML answers' headers (type, CSP, referrer policy) and {@code more}. */
    private static Map<String, String> html(Map<String, String> more) {
        Map<String, String> all = new java.util.LinkedHashMap<>(FormPage.HEADERS);
        all.putAll(more);
        return all;
    }

    /** An error answer as JSON ({@code /triage}) or as a page ({@code /report}). */
    private static void refuse(Exchange ex, boolean form, int status, String code, String message, String cause, boolean close) {
        if (form) ex.answer(status, FormPage.refused(message.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + message.substring(1), message + "."),
                cause, close, html(Map.of()));
        else ex.answer(status, Replies.error(code, message), cause, close, Map.of());
    }

    /** Checks the declared size, reads the body under the read deadline and hands it to {@code then}. */
    private void receive(Exchange ex, boolean form, java.util.function.Consumer<byte[]> then) {
        Request request = ex.request;
        int maxBody = settings.maxBody();
        if (request.getLength() > maxBody) {
            drainThen(ex, () -> refuse(ex, form, 413, "too-large", "the body is larger than " + maxBody + " bytes", null, true));
            return;
        }
        CompletableFuture<byte[]> read = Content.Source.asByteArrayAsync(request, maxBody);
        long readSeconds = settings.readTimeout().toSeconds();
        ScheduledFuture<?> deadline = timers.schedule(() -> refuse(ex, form, 408, "body-timeout",
                "the body did not arrive within " + readSeconds + " s", null, true), settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        read.whenComplete((bytes, failure) -> {
            deadline.cancel(false);
            if (ex.answered()) return;
            if (failure == null) ex.bodyRead();
            if (failure != null) {
                if (Request.getContentBytesRead(request) > maxBody || String.valueOf(failure).toLowerCase().contains("too large")) {
                    refuse(ex, form, 413, "too-large", "the body is larger than " + maxBody + " bytes", null, true);
                } else {
                    refuse(ex, form, 400, "bad-body", "the body could not be read", null, true);
                }
                return;
            }
            then.accept(bytes);
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
            ex.bodyRead();
            answer.run();
        }, failure -> {
            deadline.cancel(false);
            answer.run();
        }));
    }

    /** Runs {@code triage} on a worker, answering 503 at the timeout; the worker's slot is freed when it returns. */
    private void dispatch(Exchange ex, boolean form, java.util.function.Function<Engine, Outcome> triage) {
        Engine e = engine.get();
        if (!slots.tryAcquire()) {
            refuse(ex, form, 503, "busy", "every triage worker is busy; retry later", "all " + settings.workers() + " workers busy", false);
            return;
        }
        Object job = new Object();
        running.put(job, System.nanoTime());
        long seconds = settings.timeout().toSeconds();
        ScheduledFuture<?> timeout = timers.schedule(() -> refuse(ex, form, 503, "timeout", "triage took longer than " + seconds + " s",
                "triage over " + seconds + " s", false), settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            work.execute(() -> {
                Outcome o;
                try {
                    o = triage.apply(e);
                } catch (Throwable t) {
                    o = form ? new Outcome(500, FormPage.refused("Internal error", "posmortem failed on this input; the service log has the cause."),
                            "triage failed: " + t, null, html(Map.of()))
                            : new Outcome(500, Replies.error("internal", "internal error"), "triage failed: " + t);
                } finally {
                    // The work has stopped: free the slot before answering, so the client's next request finds it free.
                    running.remove(job);
                    slots.release();
                }
                timeout.cancel(false);
                Map<String, String> headers = new java.util.LinkedHashMap<>(o.headers);
                if (o.incident != null) headers.put(INCIDENT_HEADER, o.incident);
                ex.answer(o.status, o.body, o.cause, false, headers);
            });
        } catch (RejectedExecutionException x) {
            timeout.cancel(false);
            running.remove(job);
            slots.release();
            refuse(ex, form, 503, "stopping", "the service is stopping", "triage refused: " + x, false);
        }
    }

    /**
     * The header of a triage's answer naming the archived incident's id, or {@code not-archived}
     * when the archive could not keep it (the report is answered all the same).
     */
    static final String INCIDENT_HEADER = "X-Posmortem-Incident";

    private record Outcome(int status, String body, String cause, String incident, Map<String, String> headers) {
        Outcome(int status, String body, String cause) {
            this(status, body, cause, null, Map.of());
        }

        Outcome(int status, String body, String cause, String incident) {
            this(status, body, cause, incident, Map.of());
        }
    }

    /** The status and body for one symptom file sent from {@code client}; a report is archived if the service keeps incidents. */
    private Outcome triage(Engine e, byte[] body, String client) {
        try {
            TriageRun run = e.triage().runUntrusted(SourceText.of("request", body));
            Report report = e.reports().diagnosed(run);
            return new Outcome(200, JsonRenderer.pretty(report), null, archive(e, run, report, "request", body, client));
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

    /** The form's symptom file (and config.json, as text) triaged to the HTML report; archived as {@code /triage} archives. */
    private Outcome report(Engine e, ReportForm form, String client) {
        Map<String, String> headers = html(Map.of());
        try {
            SourceText config = form.config() == null ? null : SourceText.of("config.json", form.config());
            TriageRun run = e.triage().runUntrusted(SourceText.of(form.symptomsName(), form.symptoms()), config);
            Report report = e.reports().diagnosed(run);
            // The archive keeps a model config by re-reading its file; a config given as text has none, so such a triage is not kept.
            String incident = form.config() == null ? archive(e, run, report, form.symptomsName(), form.symptoms(), client)
                    : archive == null ? null : "not-archived";
            return new Outcome(200, HtmlRenderer.render(report), null, incident, headers);
        } catch (InvalidInputException x) {
            return new Outcome(422, FormPage.invalid(x.problems()), null, null, headers);
        } catch (InferenceException x) {
            String first = x.problems().isEmpty() ? "rules failed" : x.problems().get(0).oneLine();
            boolean timedOut = x.problems().stream().anyMatch(p -> p.code().startsWith("inference.timeout"));
            return new Outcome(timedOut ? 503 : 500, HtmlRenderer.render(e.reports().failed(form.symptomsName(), x.problems())), first, null, headers);
        } catch (Deadline.Exceeded x) {
            return new Outcome(503, FormPage.refused("Timeout", "triage stopped at its deadline: " + x.getMessage()), x.getMessage(), null, headers);
        }
    }

    /** Stores the triage in the archive when the service keeps one: the incident's id, {@code not-archived} on failure, null without an archive. */
    private String archive(Engine e, TriageRun run, Report report, String name, byte[] body, String client) {
        if (archive == null) return null;
        Triage t = e.triage();
        TraceDocument doc = TraceDocuments.of(run, t.rules().fingerprint(), t.knowledge().fingerprint(), ProductVersion.VALUE);
        try {
            return Long.toString(archive.store(new TriagedInput(name, "request", body, null, run, report, doc), client, Instant.now(), false).id());
        } catch (ArchiveException x) {
            return "not-archived";
        }
    }
}
