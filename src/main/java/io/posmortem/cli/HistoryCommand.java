package io.posmortem.cli;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.BuildVerdict;
import io.posmortem.archive.Confirmation;
import io.posmortem.archive.HistoryFilter;
import io.posmortem.archive.IncidentArchive;
import io.posmortem.archive.IncidentSummary;
import io.posmortem.model.Numbers;
import io.posmortem.report.DisplayText;
import io.posmortem.report.JsonRenderer;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code posmortem history}: the incidents kept in the archive, newest first, filtered. */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List the archived incidents, newest first: id, time, input, model, each build's verdict, and the confirmed cause if any.")
final class HistoryCommand implements Callable<Integer> {

    enum Format { text, json }

    @CommandLine.Mixin
    ArchiveOption archive = new ArchiveOption();

    @CommandLine.Mixin
    IncidentFilterOptions incidents = new IncidentFilterOptions();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N incidents (default: all).")
    int limit;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HistoryFilter filter;
        try {
            filter = incidents.filter(limit);
        } catch (IllegalArgumentException e) {
            err.println("posmortem history: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        try (IncidentArchive a = archive.open()) {
            List<IncidentSummary> listed = a.history(filter);
            if (format == Format.json) out.print(JsonRenderer.prettyValue(new Listing(a.location().display(), listed)));
            else text(out, listed);
            out.flush();
            return ExitCodes.OK;
        } catch (ArchiveException e) {
            return ExitCodes.problems(err, e, ExitCodes.ARCHIVE);
        }
    }

    /** The JSON form: where the archive is, and the incidents. */
    record Listing(String archive, List<IncidentSummary> incidents) {}

    static void text(PrintWriter out, List<IncidentSummary> listed) {
        if (listed.isEmpty()) {
            out.println("no incidents");
            return;
        }
        for (IncidentSummary s : listed) {
            out.println("#" + s.id() + "  " + s.triagedAt() + "  " + DisplayText.line(s.input())
                    + (s.model() == null ? "" : "  model " + DisplayText.line(s.model()))
                    + (s.source() == null ? "" : "  from " + DisplayText.line(s.source()))
                    + "  rules " + s.rulesFingerprint().substring(0, 12));
            for (BuildVerdict v : s.verdicts()) {
                Confirmation c = s.confirmations().stream().filter(x -> x.build().equals(v.build())).findFirst().orElse(null);
                out.println("    " + DisplayText.line(v.build()) + ": " + v.verdict()
                        + (v.hypothesis() == null ? "" : " " + v.hypothesis())
                        + (v.confidence() == null ? "" : " (" + Numbers.format(v.confidence()) + ")")
                        + (v.fix() == null ? "" : ", fix " + v.fix())
                        + (c == null ? "" : "   confirmed: " + DisplayText.line(c.cause())));
            }
        }
    }
}
