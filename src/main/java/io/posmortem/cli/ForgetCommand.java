package io.posmortem.cli;

import io.posmortem.archive.ArchiveException;
import io.posmortem.archive.IncidentArchive;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code posmortem forget ID...}: deletes incidents (input, report, trace, verdicts, confirmations) from the archive. */
@Command(name = "forget", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Delete archived incidents: the input as submitted, its model config, report, trace, verdicts and confirmations.")
final class ForgetCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "ID", description = "The incidents' ids (see 'posmortem history').")
    List<Long> ids;

    @CommandLine.Mixin
    ArchiveOption archive = new ArchiveOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (IncidentArchive a = archive.open()) {
            boolean allThere = true;
            for (long id : ids) {
                boolean gone = a.forget(id);
                allThere &= gone;
                out.println(gone ? "incident " + id + " deleted" : "no incident " + id);
            }
            out.flush();
            return allThere ? ExitCodes.OK : ExitCodes.ARCHIVE;
        } catch (ArchiveException e) {
            return ExitCodes.problems(err, e, ExitCodes.ARCHIVE);
        }
    }
}
