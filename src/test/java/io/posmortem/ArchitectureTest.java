package io.posmortem;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way: intake -> evidence -> inference -> trace -> report. The rules are checked on
 * the compiled main classes with ArchUnit, so a fully-qualified name written inline counts as much
 * as an import, and so does a type used only in a signature or a constant.
 *
 * <p>{@code engine} (the API under the commands), {@code run} (the run results), {@code archive}
 * (the incident archive, over the engine) and {@code serve} (the HTTP service) are optional layers: the rules hold whether or not those packages exist yet.
 */
class ArchitectureTest {

    static final String ROOT = "io.posmortem";

    /**
     * Stage -> the posmortem stages it may use (besides itself and its own subpackages). A stage not
     * in this map is an error: a new package must say what it may use.
     */
    static final Map<String, Set<String>> ALLOWED = allowed();

    private static Map<String, Set<String>> allowed() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("model", Set.of());
        m.put("intake", Set.of("model"));
        m.put("knowledge", Set.of("model", "intake"));
        m.put("evidence", Set.of("model"));
        m.put("inference", Set.of("model", "knowledge", "trace"));
        m.put("trace", Set.of("model"));
        m.put("run", Set.of("model", "trace"));
        m.put("report", Set.of("model", "knowledge", "trace", "run"));
        m.put("engine", Set.of("model", "intake", "knowledge", "evidence", "inference", "trace", "run", "report"));
        m.put("archive", Set.of("model", "intake", "knowledge", "inference", "trace", "run", "report", "engine"));
        m.put("serve", Set.of("model", "intake", "knowledge", "inference", "trace", "run", "report", "engine", "archive"));
        m.put("cli", Set.of("model", "intake", "knowledge", "evidence", "inference", "trace", "run", "report", "engine", "archive", "serve"));
        return m;
    }

    /** Layers that may not exist (yet); every other stage must have classes. */
    static final Set<String> OPTIONAL = Set.of("run", "engine", "archive", "serve");

    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    static String stageOf(String packageName) {
        String rest = packageName.equals(ROOT) ? "" : packageName.substring(ROOT.length() + 1);
        return rest.split("\\.")[0];
    }

    @Test
    void theImportSeesEveryStage() {
        Set<String> stages = new TreeSet<>();
        main.forEach(c -> stages.add(stageOf(c.getPackageName())));
        Set<String> required = new TreeSet<>(ALLOWED.keySet());
        required.removeAll(OPTIONAL);
        assertTrue(stages.containsAll(required), "imported stages " + stages + " must include " + required);
        assertTrue(main.size() > 150, "expected the whole product, imported " + main.size() + " classes");
    }

    @Test
    void everyClassBelongsToAKnownStage() {
        List<String> unknown = new ArrayList<>();
        main.forEach(c -> {
            if (!ALLOWED.containsKey(stageOf(c.getPackageName()))) unknown.add(c.getName());
        });
        assertEquals(List.of(), unknown, "a new package must be added to ArchitectureTest.ALLOWED with what it may use");
    }

    @Test
    void eachStageUsesOnlyWhatItMay() {
        LayeredArchitecture layers = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        for (String stage : ALLOWED.keySet()) {
            layers = layers.layer(stage).definedBy(ROOT + "." + stage + "..");
        }
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            layers = e.getValue().isEmpty()
                    ? layers.whereLayer(e.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(e.getKey()).mayOnlyAccessLayers(new TreeSet<>(e.getValue()).toArray(String[]::new));
        }
        layers.check(main);
    }

    @Test
    void noCyclesBetweenPackagesIncludingSubpackages() {
        // (**) captures the whole package below the root: evidence and evidence.rope are two slices.
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(main);
    }

    /**
     * The model is split by the stage that creates each type. Shared types ({@code model} itself)
     * use no sub-package; a sub-package uses only those listed here (besides {@code model}).
     */
    static final Map<String, Set<String>> MODEL_ALLOWED = Map.of(
            "positional", Set.of(),
            "input", Set.of("positional"),
            "knowledge", Set.of("positional"),
            "evidence", Set.of("positional", "input", "knowledge"),
            "derived", Set.of());

    @Test
    void modelSubpackagesFollowTheStages() {
        Set<String> parts = new TreeSet<>();
        main.forEach(c -> {
            if (c.getPackageName().startsWith(ROOT + ".model.")) parts.add(c.getPackageName().substring(ROOT.length() + 7));
        });
        assertEquals(new TreeSet<>(MODEL_ALLOWED.keySet()), parts, "a new model sub-package must be added to MODEL_ALLOWED");
        LayeredArchitecture layers = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("shared").definedBy(ROOT + ".model");
        for (String part : MODEL_ALLOWED.keySet()) layers = layers.layer(part).definedBy(ROOT + ".model." + part + "..");
        layers = layers.whereLayer("shared").mayNotAccessAnyLayer();
        for (Map.Entry<String, Set<String>> e : MODEL_ALLOWED.entrySet()) {
            Set<String> may = new TreeSet<>(e.getValue());
            may.add("shared");
            layers = layers.whereLayer(e.getKey()).mayOnlyAccessLayers(may.toArray(String[]::new));
        }
        layers.check(main);
    }

    @Test
    void modelUsesOnlyTheJdk() {
        classes().that().resideInAPackage(ROOT + ".model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".model..")
                .check(main);
    }

    @Test
    void onlyInferenceUsesDrools() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".inference..")
                .should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..")
                .check(main);
    }

    @Test
    void onlyEvidenceUsesCommonsMath() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".evidence..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.commons.math3..")
                .check(main);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        // The engine and the service are a library: usable with no picocli on the class path.
        noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(main);
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
