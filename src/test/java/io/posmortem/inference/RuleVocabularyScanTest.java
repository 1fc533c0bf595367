package io.posmortem.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one-pass scan of {@link RuleVocabulary#constraints} finds what a separate regular-expression
 * scan per field finds ({@code (?<![\w.])NAME\s*(?:[=!]=\s*("[^"]*")|(?:not\s+)?in\s*\(([^)]*)\))},
 * the pack check's former form): the same constraints, at the same offsets, in the same order.
 */
class RuleVocabularyScanTest {
    private static final List<String> FIELDS = List.of("hypothesis", "capability", "scope", "method", "configuredMethod");

    private static List<String> perField(String src, String name) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?<![\\w.])" + name + "\\s*(?:[=!]=\\s*(\"[^\"]*\")|(?:not\\s+)?in\\s*\\(([^)]*)\\))").matcher(src);
        while (m.find()) {
            int group = m.group(1) != null ? 1 : 2;
            out.add(m.start(group) + "-" + m.end(group));
        }
        return out;
    }

    private static void assertSameScan(String src, String what) {
        Map<String, List<int[]>> found = RuleVocabulary.constraints(src);
        for (String name : FIELDS) {
            List<String> got = found.getOrDefault(name, List.of()).stream().map(a -> a[0] + "-" + a[1]).toList();
            assertEquals(perField(src, name), got, what + ": " + name);
        }
    }

    @Test
    void everyRuleFileScansAsPerFieldScansDo() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(Path.of("rules")), Files.walk(Path.of("fixtures")))) {
            files = walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
        int constraints = 0;
        for (Path file : files) {
            String src = Files.readString(file);
            assertSameScan(src, file.toString());
            constraints += RuleVocabulary.constraints(src).values().stream().mapToInt(List::size).sum();
        }
        assertTrue(files.size() >= 20 && constraints >= 50, files.size() + " files, " + constraints + " constraints");
    }

    /** Seeded random texts from the pieces constraints are made of, including nested and run-together ones. */
    @Test
    void randomTextsScanAsPerFieldScansDo() {
        String[] pieces = {"hypothesis", "capability", "scope", "method", "configuredMethod", "methods", "x.", "a", " ", "\n", "==", "!=",
                " == ", "in", "in (", "not in (", "(", ")", "\"h-pi\"", "\"", ",", "$s", "Finding(", "scope in ( \"a\", method == \"b\" )"};
        for (long seed = 1; seed <= 500; seed++) {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder();
            int n = 5 + random.nextInt(40);
            for (int i = 0; i < n; i++) text.append(pieces[random.nextInt(pieces.length)]);
            assertSameScan(text.toString(), "seed " + seed + " " + text);
        }
    }
}
