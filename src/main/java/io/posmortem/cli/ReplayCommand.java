package io.posmortem.cli;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.BuildVerdict;
import io.posmortem.archive.HistoryFilter;
import io.posmortem.archive.IncidentArchive;
import io.posmortem.archive.Replay;
import io.posmortem.engine.Triage;
import io.posmortem.inference.RulePackException;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.model.AtomicFiles;
import io.posmortem.model.Numbers;
import io.posmortem.report.DisplayText;
import io.posmortem.report.JsonRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code posmortem replay --rules DIR}: the archived incidents triaged again with another pack, and what changed. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Triage the archived incidents again with another rule pack (--rules) or knowledge base (--kb) and list, per incident, "
                + "what changed: verdict, diagnosis and fix, old -> new; then right/abstained/wrong over confirmed incidents before and after.",
                "Exit code 8 when a confirmed incident goes from right to wrong (a gate for rule changes)."})
final class ReplayCommand implements Callable<Integer> {

    enum Format { text, json }

    @CommandLine.Mixin
    RuleSources sources = new RuleSources();

    @CommandLine.Mixin
    ArchiveOption archive = new ArchiveOption();

    @CommandLine.Mixin
    IncidentFilterOptions incidents = new IncidentFilterOptions();

    @Option(names = "--all", description = "List every incident, not only those that changed.")
    boolean all;

    @Option(names = "--traces", paramLabel = "DIR",
            description = "Write the archived and the new trace of each changed incident (ID.old.json, ID.new.json) for 'explain --diff'.")
    Path traces;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "0", description = "Incidents replayed in parallel (default: one per core).")
    int jobs;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; json: one object per changed incident, then the summary).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HistoryFilter filter;
        try {
            filter = incidents.filter(0);
        } catch (IllegalArgumentException e) {
            err.println("posmortem replay: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        Triage triage;
        try {
            triage = sources.load();
        } catch (KnowledgeBaseException e) {
            return TriageCommand.broken(err, "knowledge base " + sources.kb, e.problems());
        } catch (RulePackException e) {
            return TriageCommand.broken(err, "rules " + sources.rules, e.problems());
        }
        boolean progress = System.console() != null && format == Format.text;
        try (IncidentArchive a = archive.open()) {
            if (traces != null) Files.createDirectories(traces);
            int[] done = {0};
            Replay.Summary summary = new Replay(a, triage, jobs).run(filter, r -> {
                done[0]++;
                if (progress) err.print("\r" + done[0] + " replayed");
                if (!r.changed() && !all) return;
                if (progress) err.print("\r");
                if (format == Format.json) out.print(JsonRenderer.lineValue(withoutTraces(r)));
                else print(out, r);
                if (traces != null && r.trace() != null && r.changed()) writeTraces(out, r);
            });
            if (progress) err.println();
            if (format == Format.json) out.print(JsonRenderer.lineValue(summary));
            else summary(out, summary);
            out.flush();
            err.flush();
            return summary.regressions() > 0 ? ExitCodes.REGRESSION : ExitCodes.OK;
        } catch (ArchiveException e) {
            return ExitCodes.problems(err, e, ExitCodes.ARCHIVE);
        } catch (IOException e) {
            err.println("posmortem replay: cannot write traces into " + DisplayText.line(traces.toString()) + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        }
    }

    /** One replayed incident in the JSON form: the comparison without the traces themselves. */
    record ReplayLine(long id, String input, String problem, List<Replay.BuildChange> builds) {}

    private static ReplayLine withoutTraces(Replay.IncidentReplay r) {
        return new ReplayLine(r.id(), r.input(), r.problem(), r.builds());
    }

    private void writeTraces(PrintWriter out, Replay.IncidentReplay r) {
        Path old = traces.resolve(r.id() + ".old.json");
        Path now = traces.resolve(r.id() + ".new.json");
        try {
            AtomicFiles.write(old, r.storedTrace());
            AtomicFiles.write(now, r.trace());
            if (format == Format.text) out.println("    posmortem explain --diff " + DisplayText.line(old.toString()) + " " + DisplayText.line(now.toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void print(PrintWriter out, Replay.IncidentReplay r) {
        out.println("#" + r.id() + "  " + DisplayText.line(r.input()) + (r.problem() == null ? "" : "  cannot be triaged again: " + DisplayText.line(r.problem())));
        for (Replay.BuildChange b : r.builds()) {
            out.println("    " + DisplayText.line(b.build()) + ": " + verdict(b.before()) + "  ->  " + verdict(b.after())
                    + (b.confirmedCause() == null ? "" : "   confirmed " + b.confirmedCause() + ": " + score(b.scoreBefore()) + " -> " + score(b.scoreAfter()))
                    + (b.regression() ? "   REGRESSION" : ""));
        }
    }

    private static String verdict(BuildVerdict v) {
        if (v == null) return "(no such build)";
        return v.verdict() + (v.hypothesis() == null ? "" : " " + v.hypothesis())
                + (v.confidence() == null ? "" : " (" + Numbers.format(v.confidence()) + ")")
                + ", fix " + (v.fix() == null ? "none" : v.fix());
    }

    private static String score(Object result) {
        return String.valueOf(result).toLowerCase(Locale.ROOT);
    }

    static void summary(PrintWriter out, Replay.Summary s) {
        out.println(String.format(Locale.ROOT, "%d incident(s) replayed in %.2f s: %d changed, %d could not be triaged again", s.incidents(),
                s.seconds(), s.changed(), s.failed()));
        out.println("confirmed builds, before: " + s.before().right() + " right, " + s.before().abstained() + " abstained, " + s.before().wrong() + " wrong");
        out.println("confirmed builds, after:  " + s.after().right() + " right, " + s.after().abstained() + " abstained, " + s.after().wrong() + " wrong");
        if (s.regressions() > 0) out.println(s.regressions() + " confirmed build(s) went from right to wrong");
    }
}
