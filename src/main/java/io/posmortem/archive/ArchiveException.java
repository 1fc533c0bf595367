package io.posmortem.archive;

import io.posmortem.model.Problem;
import io.posmortem.model.ProblemsException;
import java.util.List;

/** The archive cannot be opened, read or written, or a request names what it does not hold. */
public final class ArchiveException extends ProblemsException {
    private static final long serialVersionUID = 1L;

    public ArchiveException(List<Problem> problems, Throwable cause) {
        super(problems, "archive error", cause);
    }

    static ArchiveException of(String code, String where, String message, String expected, String hint, Throwable cause) {
        return new ArchiveException(List.of(new Problem(code, where, "", 0, 0, message, expected, hint)), cause);
    }
}
