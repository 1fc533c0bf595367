package io.posmortem.knowledge;

import io.posmortem.intake.DocumentSchema;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * One knowledge-base file, validated against its schema ({@code schema/knowledge-base/NAME.schema.json})
 * with the schema's problems recoded for the knowledge base:
 * <ul>
 *   <li>{@code kb.structure}: the file is not a mapping, or a top-level list is missing;</li>
 *   <li>{@code kb.unknown-field}: a key the schema does not allow (with "did you mean");</li>
 *   <li>{@code kb.field}: a missing field, or a value of the wrong type or an empty text;</li>
 *   <li>{@code kb.value}: a value outside its range.</li>
 * </ul>
 * Entries are then bound to records; an entry the schema found anything wrong with is left out of
 * the lists, its id kept in {@link #invalidIds(String)} so references to it are not
 * reported a second time.
 */
final class KnowledgeFile {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Map<String, DocumentSchema> SCHEMAS = new ConcurrentHashMap<>();

    /** An entry bound to its record, with its position in the file. */
    record Entry<T>(String pointer, T value) {}

    private final LocatedDocument doc;
    private final List<Problem> problems;
    /** Pointers the schema found wrong; for a missing field, the pointer it would have. */
    private final List<String> wrong = new ArrayList<>();

    /** Validates {@code doc} (the file {@code name}) and adds its schema problems to {@code problems}. */
    KnowledgeFile(String name, LocatedDocument doc, List<Problem> problems) {
        this.doc = doc;
        this.problems = problems;
        DocumentSchema schema = SCHEMAS.computeIfAbsent(name,
                n -> DocumentSchema.load("/schema/knowledge-base/" + n.replaceFirst("\\.yaml$", "") + ".schema.json"));
        for (Problem p : schema.validate(doc)) {
            Problem kb = recoded(p);
            problems.add(kb);
            if (p.code().equals("schema.required")) wrong.add(p.pointer() + "/" + LocatedDocument.escape(missingField(p)));
            else wrong.add(kb.pointer());
        }
    }

    JsonNode root() {
        return doc.root();
    }

    /** The entries of the top-level list {@code key} that the schema accepted, bound to {@code type}. */
    <T> List<Entry<T>> entries(String key, Class<T> type) {
        List<Entry<T>> out = new ArrayList<>();
        JsonNode list = doc.root().path(key);
        if (!list.isArray()) return out;
        for (int i = 0; i < list.size(); i++) {
            String pointer = "/" + key + "/" + i;
            if (isWrong(pointer)) continue;
            try {
                out.add(new Entry<>(pointer, MAPPER.treeToValue(list.get(i), type)));
            } catch (JacksonException e) {
                // The schema accepts only what binds; reaching here is a schema that is too loose.
                throw new IllegalStateException("schema accepted an entry that does not bind: " + pointer, e);
            }
        }
        return out;
    }

    /** The {@code id} (or {@code idKey}) of every entry of {@code key} left out because the schema found it wrong. */
    Set<String> invalidIds(String key, String idKey) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode list = doc.root().path(key);
        for (int i = 0; i < list.size(); i++) {
            JsonNode id = list.get(i).path(idKey);
            if (isWrong("/" + key + "/" + i) && id.isString()) out.add(id.asString().strip());
        }
        return out;
    }

    /** The strings of a top-level list, or none when the schema found it wrong. */
    List<String> texts(String key) {
        if (isWrong("/" + key)) return List.of();
        List<String> out = new ArrayList<>();
        doc.root().path(key).forEach(v -> out.add(v.asString()));
        return List.copyOf(out);
    }

    /** Records a problem about {@code pointer}, for checks the schema cannot make. */
    void problem(String code, String pointer, String message, String hint) {
        problems.add(doc.problem(code, pointer, message, null, hint));
    }

    private boolean isWrong(String pointer) {
        // wrong at or inside the entry, or a wrong list or root that holds it
        return wrong.stream().anyMatch(w -> w.equals(pointer) || w.startsWith(pointer + "/") || pointer.startsWith(w + "/"));
    }

    /** The field a {@code schema.required} problem names ("missing required field 'x'"). */
    private static String missingField(Problem p) {
        String m = p.message();
        int open = m.indexOf('\'');
        return open < 0 ? "" : m.substring(open + 1, m.lastIndexOf('\''));
    }

    private static Problem recoded(Problem p) {
        String code;
        String message = p.message();
        switch (p.code()) {
            case "schema.unknown-field" -> code = "kb.unknown-field";
            case "schema.range", "schema.value" -> code = "kb.value";
            case "schema.required" -> code = p.pointer().isEmpty() ? "kb.structure" : "kb.field";
            case "schema.pattern", "schema.minLength" -> {
                code = "kb.field";
                message = "must be a non-empty string";
            }
            case "schema.type" -> code = p.pointer().isEmpty() || p.pointer().indexOf('/', 1) < 0 ? "kb.structure" : "kb.field";
            default -> code = "kb.field";
        }
        String pointer = p.pointer();
        return new Problem(code, p.source(), pointer, p.line(), p.column(), message, p.expected(), p.hint());
    }
}
