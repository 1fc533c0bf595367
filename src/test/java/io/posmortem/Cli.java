package io.posmortem;

import io.posmortem.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the posmortem command line in-process and captures what it prints. */
public record Cli(int exit, String out, String err) {

    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(exit, out.toString(), err.toString());
    }
}
