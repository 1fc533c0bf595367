package io.posmortem.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.posmortem.report.Report;
import io.posmortem.run.TriageRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * posmortem is usable as a library: the engine triages and verifies in a JVM whose class path has
 * no picocli at all. {@link LibraryUse} runs in a subprocess on this test's class path minus every
 * picocli entry.
 */
class NoPicocliTest {

    /** The subprocess: a batch through the engine, then proof that picocli cannot even be loaded. */
    public static final class LibraryUse {
        public static void main(String[] args) throws Exception {
            Triage triage = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
            List<String> statuses = new ArrayList<>();
            BatchSummary summary = new BatchTriage(triage, BatchOptions.defaults())
                    .run(List.of(BatchInput.of(Path.of(args[0]))), o -> statuses.add(o.status()));
            System.out.println("statuses " + statuses + " triaged " + summary.triaged());
            TriageRun run = triage.run(Path.of(args[0]));
            Report report = triage.report(run);
            System.out.println("diagnoses " + report.builds().stream().map(b -> b.diagnosis() == null ? null : b.diagnosis().hypothesis()).toList()
                    + " explained builds " + triage.explain(run, report).builds().size());
            try {
                Class.forName("picocli.CommandLine");
                System.out.println("picocli present");
            } catch (ClassNotFoundException e) {
                System.out.println("picocli absent");
            }
        }
    }

    @Test
    void theEngineRunsWithoutPicocliOnTheClassPath() throws Exception {
        // Surefire may hand the forked JVM a manifest-only jar; it names the real class path here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = Arrays.asList(classPath.split(File.pathSeparator));
        assertTrue(entries.stream().anyMatch(e -> e.contains("picocli")), "the test class path has picocli to take away: " + classPath);
        String withoutPicocli = entries.stream().filter(e -> !e.contains("picocli")).collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", withoutPicocli, LibraryUse.class.getName(), "fixtures/seed/founding-case.yaml")
                .redirectErrorStream(true).start();
        String output = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return text;
        });
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("statuses [" + Report.DIAGNOSED + "] triaged 1"), output);
        assertTrue(output.contains("picocli absent"), output);
        // The founding case (fixtures/seed): build A is diagnosed uniform RoPE interpolation, build B ALiBi's linear bias.
        assertTrue(output.contains("diagnoses [uniform-rope-interpolation, alibi-linear-bias] explained builds 2"), output);
        assertFalse(output.contains("picocli present"), output);
    }
}
