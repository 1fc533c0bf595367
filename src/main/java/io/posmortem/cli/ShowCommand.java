package io.posmortem.cli;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.IncidentArchive;
import io.posmortem.archive.StoredIncident;
import io.posmortem.engine.ReportFormat;
import io.posmortem.model.AtomicFiles;
import io.posmortem.report.DisplayText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code posmortem show ID}: an archived incident's report as it was given, in any format; its trace and input on request. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Print an archived incident's report as it was given (rendered again in any format).",
                "--trace FILE writes its stored trace for 'explain --diff'; --input FILE the input exactly as submitted."})
final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The incident's id (see 'posmortem history').")
    long id;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = "--trace", paramLabel = "FILE", description = "Also write the incident's stored trace to FILE.")
    Path trace;

    @Option(names = "--input", paramLabel = "FILE", description = "Also write the incident's input, byte for byte, to FILE.")
    Path input;

    @CommandLine.Mixin
    ArchiveOption archive = new ArchiveOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (IncidentArchive a = archive.open()) {
            StoredIncident stored = a.get(id);
            // JSON is printed as stored; the other formats are rendered from the report read back.
            out.print(format == ReportFormat.json ? io.posmortem.report.JsonRenderer.pretty(a.report(id)) : format.render(a.report(id), false));
            out.flush();
            if (trace != null) AtomicFiles.write(trace, stored.traceJson());
            if (input != null) {
                Path tmp = Files.createTempFile(input.toAbsolutePath().getParent(), ".posmortem-", ".tmp");
                Files.write(tmp, stored.input());
                AtomicFiles.publish(tmp, input);
            }
            return ExitCodes.OK;
        } catch (ArchiveException e) {
            return ExitCodes.problems(err, e, ExitCodes.ARCHIVE);
        } catch (IOException e) {
            err.println("posmortem show: cannot write " + DisplayText.line(String.valueOf(trace != null ? trace : input)) + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
    }
}
