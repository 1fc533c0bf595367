package io.posmortem.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code posmortem} command. */
@Command(
        name = "posmortem",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Diagnoses long-context failures after a positional-encoding retrofit.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every input was triaged",
            "1:internal error (a bug in posmortem)",
            "2:usage error",
            "3:at least one input was invalid (the others were triaged)",
            "4:rules or knowledge base broken, or the rules could not finish",
            "5:verify found a problem (compile, contract, lint, expectations, coverage)",
            "6:serve cannot listen on its address (port in use, host not this machine's)",
            "7:the incident archive cannot be opened, read or written, or holds no such incident",
            "8:replay: a confirmed incident went from right to wrong"})
public final class Main implements Runnable {

    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(TriageCommand.class, ImportCommand.class, InitCommand.class, ExplainCommand.class,
            VerifyCommand.class, ReviewCommand.class, ServeCommand.class, HistoryCommand.class, ShowCommand.class, ConfirmCommand.class,
            ForgetCommand.class, ReplayCommand.class, CalibrationCommand.class, RopeCommand.class, AlibiCommand.class,
            T5BucketsCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (e.g. triage)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line on the process's stdout and stderr and returns its exit code. */
    public static int run(String... args) {
        return run(ProcessOutput.stdout(), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs a command line writing to the given streams and returns its exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        // Before any rule runs and while only this thread runs: a rule may not end the process.
        io.posmortem.inference.ExitGuard.install();
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("posmortem: internal error: " + e);
            if (Boolean.getBoolean("posmortem.debug")) e.printStackTrace(commandLine.getErr());
            else commandLine.getErr().println("(run with -Dposmortem.debug=true for the stack trace, and please report it)");
            return ExitCodes.INTERNAL;
        });
        return cli.execute(args);
    }

    /**
     * The command line for {@code args}. picocli builds each subcommand's model by reflection when
     * it is added, which a cold JVM pays for every one of them; a run names one, so when the first
     * argument is a subcommand's name only that one is added (its parsing, help and errors are the
     * same either way). Anything else (no command, an option, {@code help}, a misspelt name, which
     * gets suggestions from all of them) gets every subcommand.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        String first = args.length == 0 ? "" : args[0];
        for (Class<?> command : COMMANDS) {
            if (command != CommandLine.HelpCommand.class && first.equals(command.getAnnotation(CommandLine.Command.class).name())) {
                cli.addSubcommand(command);
                return cli;
            }
        }
        COMMANDS.forEach(cli::addSubcommand);
        return cli;
    }
}
