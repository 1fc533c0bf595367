package io.posmortem.report;

/**
 * Text made safe to show on a terminal or in Markdown: user strings (titles, notes, workloads,
 * file names, values echoed in problems) can hold escape sequences, line breaks and bidirectional
 * overrides that would rewrite what the reader sees.
 *
 * <p>Removed everywhere: C0 controls other than line feed (ESC starts a terminal escape
 * sequence), DEL, C1 controls (U+0080-U+009F; U+009B is a one-byte CSI) and the bidirectional
 * embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069. Inside one line of user text
 * ({@link #line}) tab, carriage return and line feed become a space, so a user string can never
 * start a line of its own (a Markdown heading, a forged report line).
 */
public final class DisplayText {
    private DisplayText() {}

    /** One line of user text: controls and bidi overrides removed, line breaks and tabs as spaces. */
    public static String line(String text) {
        if (text == null) return null;
        if (clean(text, false)) return text;
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') sb.append(' ');
            else if (!unsafe(c)) sb.appendCodePoint(c);
        });
        return sb.toString();
    }

    /** A rendered report or message: every unsafe character removed, the line feeds the renderer wrote kept. */
    public static String text(String text) {
        if (text == null) return null;
        if (clean(text, true)) return text;
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || !unsafe(c)) sb.appendCodePoint(c);
        });
        return sb.toString();
    }

    /**
     * A file name for a tab-separated status line: backslash, tab, carriage return and line feed
     * as {@code \\}, {@code \t}, {@code \r}, {@code \n}; any other control or bidi override as
     * {@code \xHH} (below U+0100) or {@code \\uHHHH}. Everything else is kept as is, so an
     * ordinary path reads unchanged.
     */
    public static String escapeField(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (!unsafe(c)) sb.appendCodePoint(c);
                    else if (c < 0x100) sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
                    else sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
                }
            }
        });
        return sb.toString();
    }

    /** True for characters never shown as they are: C0 (tab, CR, LF included), DEL, C1, bidi overrides and isolates. */
    public static boolean unsafe(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    private static boolean clean(String text, boolean keepLineFeed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c) && !(keepLineFeed && c == '\n')) return false;
        }
        return true;
    }
}
