package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.posmortem.report.LineDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The founding case's text, Markdown, JSON and HTML reports and its explanation are pinned byte
 * for byte (the HTML's plots are hand-written SVG, so it is stable across machines).
 *
 * <p>After an intended change of the report output, regenerate in two deliberate steps:
 * <ol>
 *   <li>{@code mvn -B -ntp -q test -Dtest=GoldenReportTest -Dgolden.update=true} prints, for each
 *       golden file, whether it would change and by how many lines ({@code +added -removed}), and
 *       fails without writing anything;</li>
 *   <li>{@code mvn -B -ntp -q test -Dtest=GoldenReportTest -Dgolden.update=true
 *       -Dgolden.confirm=I-changed-the-output} writes the changed files and prints the same summary.</li>
 * </ol>
 * The summary lines ({@code golden <file>: unchanged | +A -R lines, written | not written}) are in
 * {@code target/surefire-reports/io.posmortem.GoldenReportTest-output.txt}; an unconfirmed change
 * also fails with its summary on the console. Review {@code git diff src/test/resources/golden}
 * and commit the golden files on their own, with a message that names each difference and why.
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

    /** The value of {@code golden.confirm} that lets {@code golden.update} write the golden files. */
    static final String CONFIRMATION = "I-changed-the-output";

    static void compare(String golden, Cli cli) throws Exception {
        assertEquals(0, cli.exit(), cli.err());
        Path file = Path.of("src/test/resources/golden", golden);
        String before = Files.exists(file) ? Files.readString(file) : "";
        if (Boolean.getBoolean("golden.update")) {
            LineDiff diff = LineDiff.of(before, cli.out());
            boolean confirmed = CONFIRMATION.equals(System.getProperty("golden.confirm"));
            System.out.println("golden " + file + ": " + (diff.none() && before.equals(cli.out()) ? "unchanged"
                    : diff + (confirmed ? ", written" : ", not written")));
            if (!before.equals(cli.out())) {
                if (!confirmed) fail(file + " would change (" + diff + "); add -Dgolden.confirm=" + CONFIRMATION + " to write it");
                Files.writeString(file, cli.out());
                return;
            }
        }
        assertEquals(before, cli.out(), "report differs from " + file + " (see the class comment to regenerate)");
    }
}
