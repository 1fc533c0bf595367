package io.posmortem.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.posmortem.inference.InferenceException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.report.JsonRenderer;
import io.posmortem.report.ReportBuilder;
import io.posmortem.report.ReportDetail;
import io.posmortem.report.TextRenderer;
import io.posmortem.run.TriageRun;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The build memo of {@link Triage} and the build-report memo of {@link ReportBuilder} are exact. */
class BuildMemoTest {
    private static Triage triage;

    @BeforeAll
    static void load() throws Exception {
        triage = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
    }

    /**
     * Every fixture that triages, run twice through one memoized pipeline (the second run answered
     * from the memos) and once through a pipeline without a memo: JSON (full and summary, pretty
     * and one-line, where the second report's builds are written as rendered for the first) and
     * text reports byte-identical.
     */
    @Test
    void memoizedAndFreshReportsAreByteIdentical() throws Exception {
        Triage fresh = triage.withoutMemo();
        ReportBuilder memoReports = triage.reports();
        ReportBuilder freshReports = fresh.reports();
        List<Path> fixtures;
        try (Stream<Path> files = Files.walk(Path.of("fixtures"))) {
            fixtures = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().contains("/configs/") && !p.toString().contains("/broken-rules/")).sorted().toList();
        }
        int compared = 0;
        for (Path fixture : fixtures) {
            TriageRun expected;
            try {
                expected = fresh.run(fixture);
            } catch (InvalidInputException | InferenceException e) {
                continue;
            }
            TriageRun first = triage.run(fixture);
            TriageRun second = triage.run(fixture);
            for (int i = 0; i < first.builds().size(); i++) {
                assertSame(first.builds().get(i), second.builds().get(i), fixture + ": the second run is answered from the memo");
                assertNotSame(expected.builds().get(i), second.builds().get(i));
            }
            for (ReportDetail detail : ReportDetail.values()) {
                String want = JsonRenderer.pretty(freshReports.diagnosed(expected, detail));
                assertEquals(want, JsonRenderer.pretty(memoReports.diagnosed(first, detail)), fixture + " " + detail);
                assertEquals(want, JsonRenderer.pretty(memoReports.diagnosed(second, detail)), fixture + " " + detail + " (memo)");
                // One-line JSON writes a remembered build report's JSON as rendered the first time.
                String wantLine = JsonRenderer.lineValue(freshReports.diagnosed(expected, detail));
                assertEquals(wantLine, JsonRenderer.line(memoReports.diagnosed(first, detail)), fixture + " " + detail + " (line)");
                assertEquals(wantLine, JsonRenderer.line(memoReports.diagnosed(second, detail)), fixture + " " + detail + " (line, builds rendered before)");
            }
            assertEquals(TextRenderer.render(freshReports.diagnosed(expected)), TextRenderer.render(memoReports.diagnosed(second)), fixture.toString());
            compared++;
        }
        assertTrue(compared >= 100, "fixtures compared: " + compared);
        assertTrue(triage.memoHitsAndMisses()[0] >= compared, "memo hits: " + triage.memoHitsAndMisses()[0]);
    }

    /** The report memo remembers as many builds as the build memo: a report of a dropped run is never asked for again. */
    @Test
    void theReportMemoIsAsLongAsTheBuildMemo() {
        assertEquals(Triage.MEMO_BUILDS, ReportBuilder.REMEMBERED);
    }

    /** Two files that differ only in a comment and their path share the build's work. */
    @Test
    void filesOfOneConfigurationShareTheWork(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("fixtures/seed/founding-case.yaml"));
        Path a = Files.writeString(dir.resolve("a.yaml"), "# copy a\n" + text);
        Path b = Files.writeString(dir.resolve("b.yaml"), "# copy b\n" + text);
        Triage pipeline = triage.withoutMemo().withBudget(null);
        Triage memo = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
        TriageRun ra = memo.run(a);
        TriageRun rb = memo.run(b);
        assertSame(ra.builds().get(0), rb.builds().get(0));
        assertEquals(JsonRenderer.pretty(pipeline.reports().diagnosed(pipeline.run(b))), JsonRenderer.pretty(memo.reports().diagnosed(rb)));
        // A changed number is another configuration.
        Path c = Files.writeString(dir.resolve("c.yaml"), text.replace("target_context: 32768", "target_context: 32769"));
        assertTrue(!Files.readString(c).equals(text), "the fixture states target_context: 32768");
        assertNotSame(ra.builds().get(0), memo.run(c).builds().get(0));
    }

    /**
     * The memo key compares by value: every type reachable from {@link Triage.BuildInputs} is a
     * record, an enum, a string, a primitive or its box, a list or map of those, or a sealed
     * interface whose implementations are; {@code Object} only as a map value (a JSON value as read:
     * string, number, boolean, list, map). An array or a class with identity equality would make
     * the memo miss; one with a looser equality would make it wrong.
     */
    @Test
    void theKeyIsAValueAllTheWayDown() {
        Set<Type> seen = new HashSet<>();
        check(Triage.BuildInputs.class, seen, "BuildInputs");
        assertTrue(seen.size() > 20, "types walked: " + seen.size());
    }

    private static void check(Type type, Set<Type> seen, String path) {
        if (!seen.add(type)) return;
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (raw != List.class && raw != Map.class) fail(path + ": " + type);
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < args.length; i++) {
                if (raw == Map.class && i == 1 && args[i] == Object.class) continue;
                check(args[i] instanceof WildcardType w ? w.getUpperBounds()[0] : args[i], seen, path + "<" + i + ">");
            }
            return;
        }
        if (!(type instanceof Class<?> c)) {
            fail(path + ": " + type);
            return;
        }
        if (c.isPrimitive() || c == String.class || c == Integer.class || c == Long.class || c == Double.class || c == Boolean.class || c.isEnum()) return;
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) check(rc.getGenericType(), seen, path + "." + rc.getName());
            return;
        }
        if (c.isInterface() && c.isSealed()) {
            for (Class<?> sub : c.getPermittedSubclasses()) check(sub, seen, path + "|" + sub.getSimpleName());
            return;
        }
        fail(path + ": " + c + " is not a value type");
    }
}
