package io.posmortem.archive;

import java.time.Instant;

/**
 * Which incidents to list or replay; a null field does not filter.
 *
 * @param hypothesis  a build's leading hypothesis
 * @param verdict     a build's verdict
 * @param model       the model's name, ignoring case
 * @param since       triaged at or after
 * @param until       triaged before
 * @param fingerprint a prefix of the rules, knowledge-base or combined fingerprint
 * @param confirmed   only incidents with a confirmed cause
 * @param limit       at most this many, newest first (0: all)
 */
public record HistoryFilter(String hypothesis, String verdict, String model, Instant since, Instant until, String fingerprint,
        boolean confirmed, int limit) {

    public static HistoryFilter all() {
        return new HistoryFilter(null, null, null, null, null, null, false, 0);
    }

    public HistoryFilter onlyConfirmed() {
        return new HistoryFilter(hypothesis, verdict, model, since, until, fingerprint, true, limit);
    }
}
