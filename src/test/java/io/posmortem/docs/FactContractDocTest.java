package io.posmortem.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fact tables of rules/README.md list each fact's fields exactly as its record declares them,
 * so a rule author reading the contract never meets a field the engine does not have.
 */
class FactContractDocTest {

    static final Pattern ROW = Pattern.compile("^\\| `(\\w+)`(?:, `\\w+`)* \\| `([a-zA-Z, ]+)`(?: / `[a-zA-Z, ]+`)? \\|");
    static final List<String> PACKAGES = List.of("io.posmortem.model", "io.posmortem.model.input", "io.posmortem.model.knowledge",
            "io.posmortem.model.evidence", "io.posmortem.model.derived", "io.posmortem.model.positional");

    static Class<?> find(String simpleName) {
        for (String p : PACKAGES) {
            try {
                return Class.forName(p + "." + simpleName);
            } catch (ClassNotFoundException e) {
                // next package
            }
        }
        return null;
    }

    @Test
    void everyDocumentedFactListsItsRecordsFields() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("rules/README.md"))) {
            Matcher m = ROW.matcher(line);
            if (!m.find()) continue;
            Class<?> type = find(m.group(1));
            if (type == null || !type.isRecord()) continue;
            List<String> documented = Arrays.stream(m.group(2).split(",")).map(String::trim).toList();
            List<String> declared = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
            assertEquals(declared, documented, "rules/README.md row of " + type.getSimpleName());
            checked.add(type.getSimpleName());
        }
        for (String fact : List.of("BuildCase", "RuntimeReport", "PositionReport", "ModelLayers", "ReportedFact", "Observation")) {
            assertTrue(checked.contains(fact), fact + " has a row in rules/README.md; checked: " + checked);
        }
    }
}
