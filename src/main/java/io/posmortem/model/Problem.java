package io.posmortem.model;

/**
 * A located user error: in a symptom file, a knowledge-base file, or a rule file.
 *
 * @param code     stable machine-readable code (documented in docs/symptom-file.md and docs/user-guide.md), e.g. {@code schema.required}
 * @param source   the file, as given
 * @param pointer  JSON pointer inside the file, or {@code ""} when the problem is not at a node
 * @param line     1-based line, or 0 when unknown
 * @param column   1-based column, or 0 when unknown
 * @param message  what is wrong
 * @param expected what was expected there, or {@code null}
 * @param hint     how to fix it ("did you mean ...?"), or {@code null}
 */
public record Problem(
        String code,
        String source,
        String pointer,
        int line,
        int column,
        String message,
        String expected,
        String hint) {

    /** {@code file:line:column} (or as much of it as is known). */
    public String where() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) sb.append(':').append(column);
        }
        return sb.toString();
    }

    /** One line for a terminal: location, pointer, message, expectation and hint. */
    public String oneLine() {
        StringBuilder sb = new StringBuilder(where()).append(": ");
        if (pointer != null && !pointer.isEmpty()) sb.append(pointer).append(": ");
        sb.append(message);
        if (expected != null) sb.append(" (expected ").append(expected).append(')');
        if (hint != null) sb.append(" — ").append(hint);
        sb.append(" [").append(code).append(']');
        return sb.toString();
    }
}
