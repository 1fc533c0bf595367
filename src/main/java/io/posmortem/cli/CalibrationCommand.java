package io.posmortem.cli;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.Calibration;
import io.posmortem.archive.HistoryFilter;
import io.posmortem.archive.IncidentArchive;
import io.posmortem.archive.ReliabilityDiagram;
import io.posmortem.model.Numbers;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code posmortem calibration}: how often a given confidence was right, over confirmed incidents. */
@Command(name = "calibration", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Over the archived incidents with a confirmed cause: per confidence bin, how many diagnoses were right; the Brier score.",
                "The weights behind the confidences are heuristics until enough confirmed incidents exist: this is their measure."})
final class CalibrationCommand implements Callable<Integer> {

    enum Format { text, json, html }

    @CommandLine.Mixin
    ArchiveOption archive = new ArchiveOption();

    @Option(names = "--fingerprint", paramLabel = "HEX", description = "Only incidents triaged with rules or a knowledge base whose fingerprint starts with HEX (one pack's calibration).")
    String fingerprint;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "10", description = "Confidence bins of equal width (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (html: with an SVG reliability diagram; default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (bins < 1 || bins > 100) {
            err.println("posmortem calibration: --bins must be between 1 and 100, got " + bins);
            err.flush();
            return ExitCodes.USAGE;
        }
        try (IncidentArchive a = archive.open()) {
            HistoryFilter filter = new HistoryFilter(null, null, null, null, null, fingerprint, true, 0);
            Calibration c = Calibration.of(a.history(filter), bins);
            switch (format) {
                case json -> out.print(io.posmortem.report.JsonRenderer.prettyValue(c));
                case html -> out.print(html(c));
                case text -> out.print(text(c));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (ArchiveException e) {
            return ExitCodes.problems(err, e, ExitCodes.ARCHIVE);
        }
    }

    static String text(Calibration c) {
        StringBuilder s = new StringBuilder();
        s.append(c.confirmed()).append(" confirmed build(s): ").append(c.concluded()).append(" concluded a cause (").append(c.right())
                .append(" right), ").append(c.abstained()).append(" abstained\n");
        s.append("Brier score: ").append(c.brier() == null ? "n/a (nothing concluded)" : Numbers.fixed(c.brier(), 4)).append(" (0 is perfect; 0.25 is always answering 0.5)\n");
        s.append("confidence      builds  right  share right  mean confidence\n");
        for (Calibration.Bin b : c.bins()) {
            s.append(String.format(java.util.Locale.ROOT, "%-14s  %6d  %5d  %11s  %15s%n", Numbers.fixed(b.from(), 2) + "-" + Numbers.fixed(b.to(), 2),
                    b.count(), b.right(), b.accuracy() == null ? "-" : Numbers.fixed(b.accuracy(), 2),
                    b.meanConfidence() == null ? "-" : Numbers.fixed(b.meanConfidence(), 2)));
        }
        s.append("The confidences come from heuristic weights; they mean a probability only as far as this table bears them out.\n");
        return s.toString();
    }

    static String html(Calibration c) {
        String body = text(c).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>posmortem calibration</title>\n"
                + "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:48em}pre{font-size:0.9em}</style>\n</head>\n<body>\n"
                + "<h1>Calibration over confirmed incidents</h1>\n" + ReliabilityDiagram.svg(c) + "<pre>" + body + "</pre>\n</body>\n</html>\n";
    }
}
