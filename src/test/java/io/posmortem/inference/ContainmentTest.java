package io.posmortem.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.Cli;
import io.posmortem.cli.ExitCodes;
import io.posmortem.engine.Triage;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule watchdog and the exit guard: stopped sessions leave no thread behind, the input's
 * deadline bounds the rules, a rule that swallows the refusal of its exit is still reported, the
 * limits are range-checked options, and outside this JVM (a subprocess) a small heap survives a
 * cross join and an exit that gets past a disallowed security manager still ends with exit code 4.
 */
class ContainmentTest {

    static KnowledgeBase kb;

    @BeforeAll
    static void load() throws Exception {
        kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
    }

    @Test
    void aStoppedSessionLeavesNoThreadBehind() {
        Cli cli = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("triage", "--rules", "fixtures/broken-rules/loop-in-consequence",
                "--rule-timeout", "1", "--format", "json", "fixtures/seed/founding-case.yaml"));
        assertEquals(ExitCodes.RULES, cli.exit(), cli.err());
        assertTrue(cli.err().contains("[inference.timeout]"), cli.err());
        assertEquals(0, Reasoner.stuckSessions());
        List<String> alive = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            // Drools' own worker pool may start threads from a session thread; only session threads are the watchdog's,
            // and an idle one (its session settled, waiting for the next) runs nothing.
            if (t instanceof Watchdog.SessionThread s && s.busy()) alive.add(t.getName());
        }
        assertEquals(List.of(), alive, "session threads still running");
    }

    @Test
    void theInputsDeadlineBoundsTheRules() throws Exception {
        Triage triage = Triage.load(Path.of("fixtures/broken-rules/sleeping-consequence"), Path.of("knowledge-base")).withBudget(Duration.ofSeconds(8));
        InferenceException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(InferenceException.class, () -> triage.run(Path.of("fixtures/seed/founding-case.yaml"))));
        assertEquals("inference.timeout", e.problem().code(), e.problem().oneLine());
        assertTrue(e.problem().message().contains("(the input's time budget)"), e.problem().oneLine());
        assertTrue(e.problem().message().contains("rule broken.sleep was running"), e.problem().oneLine());
    }

    @Test
    void anExitIsReportedEvenWhenTheRuleSwallowsItsRefusal() throws Exception {
        Path dir = Files.createTempDirectory("exit-swallowed");
        Files.writeString(dir.resolve("rule.drl"), """
                package posmortem.rules.broken

                import io.posmortem.model.*; import io.posmortem.model.input.*; import io.posmortem.model.positional.*; import io.posmortem.model.knowledge.*; import io.posmortem.model.evidence.*; import io.posmortem.model.derived.*;

                rule "Exits and ignores the refusal"
                    @id("broken.exit-quietly")
                    @layer("interpretation")
                    @hypothesis("any")
                    @explanation("test rule")
                    @reference("posmortem-heuristic")
                    salience 450
                when
                    $p : RopeProfile( $s : subject )
                then
                    try { System.exit(3); } catch (Throwable t) { }
                end
                """, StandardCharsets.UTF_8);
        Cli cli = Cli.run("triage", "--rules", dir.toString(), "--format", "json", "fixtures/seed/founding-case.yaml");
        assertEquals(ExitCodes.RULES, cli.exit(), cli.err());
        assertTrue(cli.err().contains("rule broken.exit-quietly tried to end the process (exit status 3)"), cli.err());
        assertTrue(cli.err().contains("[inference.exit]"), cli.err());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "triage, --rule-timeout, 0",
            "triage, --rule-timeout, -1",
            "triage, --rule-timeout, NaN",
            "triage, --rule-timeout, 86401",
            "verify, --rule-timeout, 0",
            "triage, --rule-memory, 63",
            "verify, --rule-memory, -5",
            "triage, --rule-memory, 9223372036854775807"})
    void limitsOutOfRangeAreUsageErrorsNamingTheOption(String command, String option, String value) {
        Cli cli = Cli.run(command, option, value, "fixtures/seed/founding-case.yaml");
        assertEquals(ExitCodes.USAGE, cli.exit(), cli.err());
        assertTrue(cli.err().contains(option + " must be"), cli.err());
    }

    @Test
    void theShippedRulesHaveNoCrossJoin() throws Exception {
        // A memory breach with no rule on the stack is attributed to the first cross join; the shipped pack must offer none.
        assertEquals(List.of(), RulePack.load(Path.of("rules"), kb).crossJoins());
        assertEquals(List.of("broken.cross-join"), RulePack.load(Path.of("fixtures/broken-rules/cross-join"), kb).crossJoins());
    }

    @Test
    void crossJoinsInParallelInASmallHeapAreStoppedAndTheProcessEndsNormally() throws Exception {
        // With -Xmx512m the default budget is a quarter of the heap per session; four in parallel would
        // exhaust it between them but for the share all running sessions may take together (half the
        // heap; the margin above it is what the watchdog's 10 ms tick lets them overshoot by).
        Run run = posmortem(List.of("-Xmx512m"), "triage", "-j", "4", "--rules", "fixtures/broken-rules/cross-join", "--format", "json",
                "fixtures/seed/founding-case.yaml", "fixtures/classes/dynamic-ntk-history.yaml", "fixtures/seed/founding-case.yaml",
                "fixtures/classes/dynamic-ntk-history.yaml");
        assertEquals(ExitCodes.RULES, run.exit(), run.err());
        assertEquals(4, run.out().lines().count(), run.out());
        assertEquals(4, run.err().lines().filter(l -> l.endsWith("[inference.memory]")).count(), run.err());
        assertTrue(!run.err().contains("Exception") && !run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void anExitPastADisallowedSecurityManagerEndsWithExitCode4() throws Exception {
        Run run = posmortem(List.of("-Djava.security.manager=disallow"), "verify", "--rules", "fixtures/broken-rules/system-exit");
        assertEquals(ExitCodes.RULES, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("a rule called System.exit"), run.err());
        assertTrue(!run.out().contains("VERIFY PASSED"), run.out());
    }

    record Run(int exit, String out, String err) {}

    /** Runs posmortem in a JVM of its own (this JVM's class path) and waits at most 120 s for it to end. */
    static Run posmortem(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.posmortem.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("posmortem-out", ".txt");
        Path err = Files.createTempFile("posmortem-err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null")).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("posmortem did not end within 120 s: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
