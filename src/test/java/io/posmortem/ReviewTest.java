package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.cli.ExitCodes;
import io.posmortem.intake.ExpectationReader;
import io.posmortem.model.input.BuildExpectation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code posmortem review}: a triaged incident and the engineer's verdict become a fixture. */
class ReviewTest {

    static Path incident(Path dir) throws Exception {
        String fixture = Files.readString(Path.of("fixtures/classes/rope-base-mismatch.yaml"));
        Path file = dir.resolve("incident.yaml");
        Files.writeString(file, fixture.substring(0, fixture.indexOf("expect:")));
        return file;
    }

    @Test
    void anAgreeingVerdictBecomesAPassingFixture(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("fixtures/reviewed/incident.yaml");
        Cli cli = Cli.run("review", incident(dir).toString(), "--verdict", "rope-base-mismatch", "--out", out.toString());
        assertEquals(ExitCodes.OK, cli.exit(), cli.err());
        assertTrue(cli.out().contains("(agrees)"), cli.out());
        List<BuildExpectation> expect = ExpectationReader.read(out);
        assertEquals("rope-base-mismatch", expect.get(0).diagnosis());
        assertTrue(expect.get(0).rejected().contains("uniform-rope-interpolation"));
        Cli verify = Cli.run("verify", "--fixtures", out.getParent().toString());
        assertTrue(verify.out().contains("fixtures: ok (1 scenarios"), verify.out());
    }

    @Test
    void aDisagreeingVerdictBecomesAFailingRegressionTest(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("reviewed/incident.yaml");
        Cli cli = Cli.run("review", incident(dir).toString(), "--verdict", "rope-extrapolation", "--out", out.toString());
        assertEquals(ExitCodes.OK, cli.exit(), cli.err());
        assertTrue(cli.out().contains("disagrees"), cli.out());
        Cli verify = Cli.run("verify", "--fixtures", out.getParent().toString());
        assertTrue(verify.out().contains("diagnosis rope-base-mismatch, expected rope-extrapolation"), verify.out());
    }

    @Test
    void anUnknownVerdictIsAUsageError(@TempDir Path dir) throws Exception {
        Cli cli = Cli.run("review", incident(dir).toString(), "--verdict", "rope-base-mismatchh", "--out", dir.resolve("x.yaml").toString());
        assertEquals(ExitCodes.USAGE, cli.exit());
        assertTrue(cli.err().contains("did you mean 'rope-base-mismatch'?"), cli.err());
    }

    /** The founding case has two builds (build-a, build-b): a verdict without --build would land in both. */
    @Test
    void severalBuildsNeedTheBuildNamed(@TempDir Path dir) throws Exception {
        String fixture = Files.readString(Path.of("fixtures/seed/founding-case.yaml"));
        Path file = dir.resolve("two-builds.yaml");
        Files.writeString(file, fixture.substring(0, fixture.indexOf("\nexpect:") + 1));
        Path out = dir.resolve("reviewed.yaml");
        Cli cli = Cli.run("review", file.toString(), "--verdict", "uniform-rope-interpolation", "--out", out.toString());
        assertEquals(ExitCodes.USAGE, cli.exit(), cli.err());
        assertTrue(cli.err().contains("has 2 builds (build-a, build-b)") && cli.err().contains("add --build ID"), cli.err());
        assertTrue(Files.notExists(out), "nothing is written");
        Cli unknown = Cli.run("review", file.toString(), "--verdict", "uniform-rope-interpolation", "--build", "build-c", "--out", out.toString());
        assertEquals(ExitCodes.USAGE, unknown.exit());
        assertTrue(unknown.err().contains("no build 'build-c'") && unknown.err().contains("builds: build-a, build-b"), unknown.err());

        Cli one = Cli.run("review", file.toString(), "--verdict", "uniform-rope-interpolation", "--build", "build-a", "--out", out.toString());
        assertEquals(ExitCodes.OK, one.exit(), one.err());
        List<BuildExpectation> expect = ExpectationReader.read(out);
        assertEquals(1, expect.size(), "only build-a gets the verdict");
        assertEquals("uniform-rope-interpolation", expect.get(0).diagnosis());
    }
}
