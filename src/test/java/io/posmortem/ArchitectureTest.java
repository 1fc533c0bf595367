package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way: intake -> evidence -> inference -> trace -> run -> report -> engine -> serve, cli. This test reads every
 * main source file's imports and checks each stage touches only what it may: only inference
 * imports Drools, only evidence imports commons-math3, only cli imports picocli, model imports nothing of ours.
 */
class ArchitectureTest {

    /** Stage -> the posmortem packages it may import (besides itself). */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("model", Set.<String>of()),
            Map.entry("intake", Set.of("model")),
            Map.entry("knowledge", Set.of("model", "intake")),
            Map.entry("evidence", Set.of("model")),
            Map.entry("inference", Set.of("model", "knowledge", "trace")),
            Map.entry("trace", Set.of("model")),
            Map.entry("run", Set.of("model", "trace")),
            Map.entry("report", Set.of("model", "knowledge", "trace", "run")),
            Map.entry("engine", Set.of("model", "intake", "knowledge", "evidence", "inference", "trace", "run", "report")),
            Map.entry("serve", Set.of("model", "intake", "knowledge", "inference", "report", "engine")),
            Map.entry("cli", Set.of("model", "intake", "knowledge", "evidence", "inference", "trace", "run", "report", "engine", "serve")));

    static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void eachStageImportsOnlyWhatItMay() throws IOException {
        List<String> violations = new ArrayList<>();
        Path root = Path.of("src/main/java/io/posmortem");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String stage = root.relativize(file).getName(0).toString();
                assertTrue(ALLOWED.containsKey(stage), "unknown package " + stage + " (" + file + ")");
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(2);
                    if (imported.startsWith("io.posmortem.")) {
                        String target = imported.substring("io.posmortem.".length()).split("\\.")[0];
                        if (!target.equals(stage) && !ALLOWED.get(stage).contains(target)) {
                            violations.add(file + " imports " + imported);
                        }
                    }
                    if ((imported.startsWith("org.drools") || imported.startsWith("org.kie")) && !stage.equals("inference")) {
                        violations.add(file + " imports Drools: " + imported);
                    }
                    if (imported.startsWith("org.apache.commons.math3") && !stage.equals("evidence")) {
                        violations.add(file + " imports commons-math3: " + imported);
                    }
                    if (imported.startsWith("picocli") && !stage.equals("cli")) {
                        violations.add(file + " imports picocli: " + imported);
                    }
                    if (stage.equals("model") && !imported.startsWith("java.")) {
                        violations.add(file + " (model) imports " + imported);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void noProductionCodeOrRuleNamesAFixture() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String dir : List.of("src/main", "rules", "knowledge-base")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(f);
                    for (String name : List.of("founding-case", "build-a", "build-b", "t5-far-precision", "ntk-long-range-break")) {
                        if (text.contains(name)) offenders.add(f + " mentions " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
