package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.cli.ExitCodes;
import io.posmortem.intake.ExpectationReader;
import io.posmortem.model.input.BuildExpectation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus of real public incidents (fixtures/incidents/) and its scoring by verify: every file
 * names its sources and the maintainers' confirmed cause, and posmortem is never confidently wrong
 * on it (abstaining is allowed; a wrong diagnosis fails the build).
 */
class IncidentCorpusTest {

    static List<Path> incidents() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("fixtures/incidents"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyIncidentNamesItsSourcesAndAConfirmedCause() throws Exception {
        List<Path> files = incidents();
        assertTrue(files.size() >= 30, "at least 30 real incidents, found " + files.size());
        for (Path f : files) {
            String text = Files.readString(f);
            assertTrue(text.contains("sources:") && text.contains("https://"), f + ": sources");
            List<BuildExpectation> expectations = ExpectationReader.read(f);
            assertTrue(expectations.stream().allMatch(e -> e.confirmedCause() != null), f + ": confirmed_cause for every build");
        }
    }

    @Test
    void posmortemIsNeverConfidentlyWrongOnTheCorpus() {
        Cli cli = Cli.run("verify", "--fixtures", "fixtures/incidents");
        Matcher m = Pattern.compile("incidents: (\\d+) build\\(s\\) with a confirmed cause: (\\d+) right, (\\d+) abstained, (\\d+) wrong")
                .matcher(cli.out());
        assertTrue(m.find(), cli.out());
        assertEquals("0", m.group(4), cli.out());
    }

    @Test
    void verifyScoresRightAbstainedAndWrong(@TempDir Path dir) throws IOException {
        String gibberish = Files.readString(Path.of("fixtures/physics/unscaled-8x-gibberish.yaml"));
        String base = gibberish.substring(0, gibberish.indexOf("expect:"));
        Files.writeString(dir.resolve("right.yaml"), base + "expect:\n  sources: [\"https://example.org/r\"]\n  builds:\n"
                + "    served:\n      confirmed_cause: runtime-factor-not-applied\n      also_right: [rope-extrapolation]\n");
        Files.writeString(dir.resolve("wrong.yaml"), base + "expect:\n  sources: [\"https://example.org/w\"]\n  builds:\n"
                + "    served:\n      confirmed_cause: uniform-rope-interpolation\n");
        String honest = Files.readString(Path.of("fixtures/honest/ntk-or-unapplied-no-onset.yaml"));
        Files.writeString(dir.resolve("abstained.yaml"), honest.substring(0, honest.indexOf("expect:"))
                + "expect:\n  builds:\n    unclear:\n      confirmed_cause: ntk-aware-base-change\n");
        Cli cli = Cli.run("verify", "--fixtures", dir.toString());
        assertTrue(cli.out().contains("incidents: 3 build(s) with a confirmed cause: 1 right, 1 abstained, 1 wrong"), cli.out());
        assertTrue(cli.out().contains("wrong     " + dir.resolve("wrong.yaml") + " served: diagnosed rope-extrapolation"), cli.out());
        // Scoring is a measurement: the unmet coverage of this tiny tree fails verify, the scores do not.
        assertEquals(ExitCodes.VERIFY, cli.exit());
    }
}
