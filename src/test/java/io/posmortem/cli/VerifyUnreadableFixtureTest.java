package io.posmortem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} names a fixture it cannot parse and fails (exit 5) instead of passing over it. */
class VerifyUnreadableFixtureTest {

    @Test
    void aFixtureThatCannotBeParsedFailsVerifyWithItsName(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("fixtures/seed/founding-case.yaml"), dir.resolve("founding-case.yaml"));
        Path broken = Files.writeString(dir.resolve("stopped-parsing.yaml"), "posmortem: 1\nbuilds: {unclosed\n");
        Cli cli = Cli.run("verify", "--fixtures", dir.toString());
        assertEquals(ExitCodes.VERIFY, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains("  " + broken + ": cannot be read as a fixture: "), cli.out());
        assertTrue(cli.out().contains("in 1 scenarios"), cli.out());
        assertTrue(cli.out().endsWith("VERIFY FAILED\n"), cli.out());
    }
}
