package io.posmortem.intake;

import io.posmortem.model.Problem;
import io.posmortem.model.ProblemsException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file could not be accepted; {@link #problems()} says every reason found, located, within
 * bounds: at most {@link #MAX_PROBLEMS} problems (then one {@code input.more-problems} saying how
 * many more), a value quoted in a message at most {@link #MAX_QUOTED} characters, a message, an
 * expectation or a hint at most {@link #MAX_TEXT}, a pointer at most {@link #MAX_TEXT}. A file of
 * a thousand aliases, or one huge key, gives a short record, not one as large as the file.
 */
public final class InvalidInputException extends ProblemsException {
    private static final long serialVersionUID = 1L;

    /** Problems kept per input. */
    public static final int MAX_PROBLEMS = 100;
    /** Longest value quoted ('...') in a message. */
    public static final int MAX_QUOTED = 80;
    /** Longest message, expectation, hint or pointer. */
    public static final int MAX_TEXT = 300;

    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]{" + (MAX_QUOTED + 1) + ",})'");

    public InvalidInputException(List<Problem> problems) {
        super(bounded(problems), "invalid input", null);
    }

    static List<Problem> bounded(List<Problem> problems) {
        List<Problem> kept = new ArrayList<>(Math.min(problems.size(), MAX_PROBLEMS + 1));
        for (int i = 0; i < Math.min(problems.size(), MAX_PROBLEMS); i++) {
            Problem p = problems.get(i);
            kept.add(new Problem(p.code(), p.source(), shorten(p.pointer()), p.line(), p.column(), shorten(quoted(p.message())),
                    shorten(quoted(p.expected())), shorten(quoted(p.hint()))));
        }
        if (problems.size() > MAX_PROBLEMS) {
            Problem first = problems.get(0);
            int more = problems.size() - MAX_PROBLEMS;
            kept.add(new Problem("input.more-problems", first.source(), "", 0, 0, more + " more problem(s) not shown",
                    null, "fix the problems above and run again"));
        }
        return List.copyOf(kept);
    }

    /** Every quoted value longer than {@link #MAX_QUOTED} cut to its first characters and "...". */
    static String quoted(String text) {
        if (text == null || text.length() <= MAX_QUOTED) return text;
        Matcher m = QUOTED.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement("'" + m.group(1).substring(0, MAX_QUOTED - 3) + "...'"));
        m.appendTail(sb);
        return sb.toString();
    }

    static String shorten(String text) {
        if (text == null || text.length() <= MAX_TEXT) return text;
        return text.substring(0, MAX_TEXT - 3) + "...";
    }
}
