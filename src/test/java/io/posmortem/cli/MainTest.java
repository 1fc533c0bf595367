package io.posmortem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run naming its subcommand builds only that one's model; what the user sees is the same as with all of them. */
class MainTest {

    @Test
    void aNamedSubcommandAloneParsesAndHelpsAsAmongAll() {
        Map<String, CommandLine> all = Main.commandLine().getSubcommands();
        assertEquals(Main.COMMANDS.size(), all.size(), all.keySet().toString());
        for (Map.Entry<String, CommandLine> e : all.entrySet()) {
            String name = e.getKey();
            if (name.equals("help")) continue;
            Map<String, CommandLine> alone = Main.commandLine(name, "--some-option").getSubcommands();
            assertEquals(List.of(name), List.copyOf(alone.keySet()));
            assertEquals(e.getValue().getUsageMessage(), alone.get(name).getUsageMessage(), name);
        }
    }

    @Test
    void anythingElseGetsEverySubcommand() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "triage"}, new String[] {"triag"})) {
            assertEquals(Main.COMMANDS.size(), Main.commandLine(args).getSubcommands().size(), String.join(" ", args));
        }
    }
}
