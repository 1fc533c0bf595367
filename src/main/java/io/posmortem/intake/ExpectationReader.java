package io.posmortem.intake;

import io.posmortem.model.Tri;
import io.posmortem.model.input.BuildExpectation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads a fixture's {@code expect:} block (schema: {@code $defs/expect} of the symptom-file schema). */
public final class ExpectationReader {
    private ExpectationReader() {}

    /** The expectations of every build the file's {@code expect} block names; empty when it has none. */
    public static List<BuildExpectation> read(Path file) throws InvalidInputException {
        SourceText text = SourceText.read(file);
        LocatedDocument doc = LocatedDocument.parse(text, LocatedDocument.syntaxOf(file.toString(), text.text()));
        return read(doc.root());
    }

    public static List<BuildExpectation> read(JsonNode root) {
        List<BuildExpectation> out = new ArrayList<>();
        JsonNode builds = root.path("expect").path("builds");
        for (String id : builds.propertyNames()) {
            JsonNode e = builds.get(id);
            out.add(new BuildExpectation(id, text(e, "verdict"), text(e, "diagnosis"), texts(e, "not_diagnosis"),
                    texts(e, "ranked_above"), texts(e, "rejected"), text(e, "recommendation"), texts(e, "rejected_fixes"),
                    texts(e, "fires"), texts(e, "silent"), texts(e, "config_lint"),
                    e.path("config_clean").isBoolean() ? Tri.of(e.get("config_clean").asBoolean()) : Tri.UNKNOWN,
                    text(e, "confirmed_cause"), texts(e, "also_right")));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode e, String key) {
        JsonNode v = e.path(key);
        return v.isString() ? v.asString() : null;
    }

    private static List<String> texts(JsonNode e, String key) {
        List<String> out = new ArrayList<>();
        e.path(key).forEach(v -> out.add(v.asString()));
        return List.copyOf(out);
    }
}
