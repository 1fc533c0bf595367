package io.posmortem.cli;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.BuildVerdict;
import io.posmortem.archive.Confirmation;
import io.posmortem.archive.HistoryFilter;
import io.posmortem.archive.IncidentArchive;
import io.posmortem.archive.IncidentSummary;
import io.posmortem.model.Numbers;
import io.posmortem.report.DisplayText;
import io.posmortem.report.JsonRenderer;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code posmortem history}: the incidents kept in the archive, newest first, filtered. */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List the archived incidents, newest first: id, time, input, model, each build's verdict, and the confirmed cause if any.")
final class HistoryCommand implements Callable<Integer> {

    enum Format { text, json }

    @CommandLine.Mixin
    ArchiveOption archive = new ArchiveOption();

    @Option(names = "--hypothesis", paramLabel = "ID", description = "Only incidents with a build led by this hypothesis.")
    String hypothesis;

    @Option(names = "--verdict", paramLabel = "VERDICT", description = "Only incidents with a build of this verdict (diagnosed, not-positional, insufficient-evidence, not-explained).")
    String verdict;

    @Option(names = "--model", paramLabel = "NAME", description = "Only incidents of this model (its name in the input, any case).")
    String model;

    @Option(names = "--since", paramLabel = "DATE", description = "Only incidents triaged on or after DATE (2026-11-30 or 2026-11-30T12:00:00Z).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only incidents triaged before DATE (a date alone: before that day's end, UTC).")
    String until;

    @Option(names = "--fingerprint", paramLabel = "HEX", description = "Only incidents triaged with rules or a knowledge base whose fingerprint starts with HEX.")
    String fingerprint;

    @Option(names = "--confirmed", description = "Only incidents with a confirmed cause.")
    boolean confirmed;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N incidents (default: all).")
    int limit;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HistoryFilter filter;
        try {
            filter = new HistoryFilter(hypothesis, verdict, model, instant("--since", since, false), instant("--until", until, true),
                    fingerprint, confirmed, Math.max(0, limit));
        } catch (IllegalArgumentException e) {
            err.println("posmortem history: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        try (IncidentArchive a = archive.open()) {
            List<IncidentSummary> listed = a.history(filter);
            if (format == Format.json) out.print(JsonRenderer.prettyValue(new Listing(a.location().display(), listed)));
            else text(out, listed);
            out.flush();
            return ExitCodes.OK;
        } catch (ArchiveException e) {
            return ExitCodes.problems(err, e, ExitCodes.ARCHIVE);
        }
    }

    /** The JSON form: where the archive is, and the incidents. */
    record Listing(String archive, List<IncidentSummary> incidents) {}

    /**
     * {@code value} as an instant: an ISO-8601 instant, or a date (UTC) meaning its start, or with
     * {@code endOfDay} the start of the next day.
     */
    static Instant instant(String option, String value, boolean endOfDay) {
        if (value == null) return null;
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + DisplayText.line(value) + "' is not a date: give 2026-11-30 or 2026-11-30T12:00:00Z");
        }
    }

    static void text(PrintWriter out, List<IncidentSummary> listed) {
        if (listed.isEmpty()) {
            out.println("no incidents");
            return;
        }
        for (IncidentSummary s : listed) {
            out.println("#" + s.id() + "  " + s.triagedAt() + "  " + DisplayText.line(s.input())
                    + (s.model() == null ? "" : "  model " + DisplayText.line(s.model()))
                    + (s.source() == null ? "" : "  from " + DisplayText.line(s.source()))
                    + "  rules " + s.rulesFingerprint().substring(0, 12));
            for (BuildVerdict v : s.verdicts()) {
                Confirmation c = s.confirmations().stream().filter(x -> x.build().equals(v.build())).findFirst().orElse(null);
                out.println("    " + DisplayText.line(v.build()) + ": " + v.verdict()
                        + (v.hypothesis() == null ? "" : " " + v.hypothesis())
                        + (v.confidence() == null ? "" : " (" + Numbers.format(v.confidence()) + ")")
                        + (v.fix() == null ? "" : ", fix " + v.fix())
                        + (c == null ? "" : "   confirmed: " + DisplayText.line(c.cause())));
            }
        }
    }
}
