package io.posmortem.cli;

/** Process exit codes; documented in the README. */
public final class ExitCodes {
    private ExitCodes() {}

    /** Every input was triaged (whatever the verdict). */
    public static final int OK = 0;
    /** posmortem itself failed (a bug): please report it. */
    public static final int INTERNAL = 1;
    /** The command line is wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** At least one input file was invalid; the others were still triaged. */
    public static final int INVALID_INPUT = 3;
    /** The rules or the knowledge base are broken, or the rules could not finish a diagnosis. */
    public static final int RULES = 4;
    /** {@code verify}: the pack is broken, fails lint, misses fixture expectations or coverage. */
    public static final int VERIFY = 5;
    /** {@code serve}: the address cannot be listened on (the port is in use, or the host is not this machine's). */
    public static final int UNAVAILABLE = 6;
    /** The incident archive cannot be opened, read or written, or holds no incident of that id. */
    public static final int ARCHIVE = 7;
    /** {@code replay}: a confirmed incident the archived verdict got right is wrong with the new pack. */
    public static final int REGRESSION = 8;

    /** Prints each problem on its own line to {@code err} and returns {@code code}. */
    static int problems(java.io.PrintWriter err, io.posmortem.model.WithProblems refused, int code) {
        refused.problems().forEach(p -> err.println(io.posmortem.report.DisplayText.line(p.oneLine())));
        err.flush();
        return code;
    }
}
