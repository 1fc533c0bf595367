package io.posmortem.cli;

import io.posmortem.archive.HistoryFilter;
import io.posmortem.report.DisplayText;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** The options that pick archived incidents, shared by {@code history} and {@code replay}. */
final class IncidentFilterOptions {

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

    /**
     * The filter these options describe, listing at most {@code limit} incidents (0: all).
     *
     * @throws IllegalArgumentException for a date that is neither a day nor an instant, naming the option
     */
    HistoryFilter filter(int limit) {
        return new HistoryFilter(hypothesis, verdict, model, instant("--since", since, false), instant("--until", until, true),
                fingerprint, confirmed, Math.max(0, limit));
    }

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
}
