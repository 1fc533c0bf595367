package io.posmortem.engine;

import io.posmortem.report.HtmlRenderer;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.MarkdownRenderer;
import io.posmortem.report.Report;
import io.posmortem.report.TextRenderer;

/** The formats a report is rendered in, each with the file extension of a report written to a directory. */
public enum ReportFormat {
    text(".txt"), json(".json"), markdown(".md"), html(".html");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    /** The extension of a report file in this format, with its dot. */
    public String extension() {
        return extension;
    }

    /**
     * {@code report} in this format. JSON is pretty-printed unless {@code oneLine}, which gives one
     * line per report (JSON Lines, for several reports on one stream); other formats ignore it.
     */
    public String render(Report report, boolean oneLine) {
        return switch (this) {
            case json -> oneLine ? JsonRenderer.line(report) : JsonRenderer.pretty(report);
            case markdown -> MarkdownRenderer.render(report);
            case html -> HtmlRenderer.render(report);
            case text -> TextRenderer.render(report);
        };
    }
}
