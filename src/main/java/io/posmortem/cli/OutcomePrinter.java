package io.posmortem.cli;

import io.posmortem.engine.BatchListener;
import io.posmortem.engine.InputOutcome;
import io.posmortem.engine.ReportFormat;
import io.posmortem.report.DisplayText;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.Report;
import java.io.PrintWriter;

/**
 * Where {@code triage} puts each outcome: its problems on stderr (escaped for a terminal); with
 * {@code --out} a status line on stdout, else the report on stdout (on stderr for an invalid input
 * in text format, where the report is the error message); a progress counter on a console.
 */
final class OutcomePrinter implements BatchListener {

    /** {@code --status-format}: tab-separated escaped fields, or one JSON object per line. */
    enum StatusFormat { text, json }

    /** One {@code --status-format json} line. */
    record StatusLine(String status, String input, String report) {}

    private final PrintWriter stdout;
    private final PrintWriter stderr;
    private final boolean progress;
    private final ReportFormat format;
    private final boolean toDirectory;
    private final StatusFormat statusFormat;

    OutcomePrinter(PrintWriter stdout, PrintWriter stderr, boolean progress, ReportFormat format, boolean toDirectory, StatusFormat statusFormat) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.progress = progress;
        this.format = format;
        this.toDirectory = toDirectory;
        this.statusFormat = statusFormat;
    }

    @Override
    public void completed(InputOutcome o) {
        o.problems().forEach(line -> stderr.println(DisplayText.line(line)));
        if (toDirectory) {
            stdout.print(statusLine(o.status(), o.input(), o.target().toString()));
        } else if (format == ReportFormat.text && Report.INVALID.equals(o.report().status())) {
            stderr.print(o.rendered());
            stderr.flush();
        } else {
            stdout.print(o.rendered());
            if ((format == ReportFormat.text || format == ReportFormat.markdown) && o.total() > 1) stdout.println();
        }
        stdout.flush();
        if (progress) {
            stderr.print("\r[" + (o.index() + 1) + "/" + o.total() + "]");
            stderr.flush();
        }
    }

    @Override
    public void warning(String line) {
        stderr.println(DisplayText.line(line));
    }

    private String statusLine(String status, String input, String report) {
        if (statusFormat == StatusFormat.json) return JsonRenderer.lineValue(new StatusLine(status, input, report));
        return status + "\t" + DisplayText.escapeField(input) + "\t" + DisplayText.escapeField(report) + "\n";
    }
}
