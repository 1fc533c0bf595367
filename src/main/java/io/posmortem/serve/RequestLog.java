package io.posmortem.serve;

import io.posmortem.report.DisplayText;

/**
 * The one line {@code serve} logs per request: client address, method, path (never the query or
 * the body), status, milliseconds, response bytes, and for a 5xx its cause. Everything that came
 * from the client is made printable first.
 */
public final class RequestLog {
    private RequestLog() {}

    /** {@code posmortem serve: ADDRESS METHOD PATH STATUS MS ms BYTES B[ cause: CAUSE]}. */
    public static String line(String remote, String method, String path, int status, long millis, long bytes, String cause) {
        StringBuilder b = new StringBuilder("posmortem serve: ")
                .append(printable(remote, 64)).append(' ')
                .append(printable(method, 16)).append(' ')
                .append(printable(path == null ? "-" : path, 200)).append(' ')
                .append(status).append(' ')
                .append(millis).append(" ms ")
                .append(bytes).append(" B");
        if (cause != null) b.append(" cause: ").append(printable(cause, 300));
        return b.toString();
    }

    /**
     * {@code s} with every character {@link DisplayText#unsafe} finds (C0 and C1 controls, DEL,
     * bidirectional overrides and isolates) replaced by {@code ?}, cut to {@code max} characters
     * (marked with "...").
     */
    public static String printable(String s, int max) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(Math.min(s.length(), max + 3));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(DisplayText.unsafe(c) ? '?' : c);
        }
        if (s.length() > max) b.append("...");
        return b.toString();
    }
}
