package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The founding case's text, Markdown, JSON and HTML reports and its explanation are pinned byte
 * for byte (the HTML's plots are hand-written SVG, so it is stable across machines). After an intended change,
 * regenerate with {@code mvn test -Dtest=GoldenReportTest -Dgolden.update=true} and review the diff.
 */
class GoldenReportTest {

    static final String SEED = "fixtures/seed/founding-case.yaml";

    @Test
    void textReport() throws Exception {
        compare("founding-case.txt", Cli.run("triage", SEED));
    }

    @Test
    void jsonReport() throws Exception {
        compare("founding-case.json", Cli.run("triage", "--format", "json", SEED));
    }

    @Test
    void markdownReport() throws Exception {
        compare("founding-case.md", Cli.run("triage", "--format", "markdown", SEED));
    }

    @Test
    void htmlReport() throws Exception {
        compare("founding-case.html", Cli.run("triage", "--format", "html", SEED));
    }

    @Test
    void explanation() throws Exception {
        compare("founding-case.explain.txt", Cli.run("explain", SEED));
    }

    static void compare(String golden, Cli cli) throws Exception {
        assertEquals(0, cli.exit(), cli.err());
        Path file = Path.of("src/test/resources/golden", golden);
        if (Boolean.getBoolean("golden.update")) Files.writeString(file, cli.out());
        assertEquals(Files.readString(file), cli.out(), "report differs from " + file + " (see the class comment to regenerate)");
    }
}
