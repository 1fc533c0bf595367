package io.posmortem.intake;

import io.posmortem.model.Spelling;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The names people write for a document's fields and values where the format calls them otherwise
 * ({@code rope_theta} for {@code rope_base}, {@code worse} for {@code degraded}, a window size where
 * a boolean is meant), read from a table beside the schema. A hint comes from the table first, then
 * from {@link Spelling} against the names accepted there.
 */
public final class CommonMistakes {

    /** A wrong name at {@code at} (a pointer pattern, '*' for any one step), its right name (or null) and why. */
    public record Entry(String at, String wrong, String right, String note) {

        boolean matches(String pointer, String name) {
            return wrong.equalsIgnoreCase(name) && CommonMistakes.matches(at, pointer);
        }

        /** "did you mean 'right'? (note)", or the note alone when there is no right name. */
        String hint() {
            if (right == null) return note;
            return "did you mean '" + right + "'?" + (note == null ? "" : " (" + note + ")");
        }
    }

    /** A value of the wrong JSON type at {@code at} ({@code found}: number, string, boolean, ...) and what is meant. */
    public record TypeEntry(String at, String found, String note) {}

    /** No table: hints by edit distance only. */
    public static final CommonMistakes NONE = new CommonMistakes(List.of(), List.of(), List.of());

    private final List<Entry> fields;
    private final List<Entry> values;
    private final List<TypeEntry> types;

    private CommonMistakes(List<Entry> fields, List<Entry> values, List<TypeEntry> types) {
        this.fields = fields;
        this.values = values;
        this.types = types;
    }

    /** The table at classpath location {@code resource}; a missing or malformed table is a build defect. */
    public static CommonMistakes load(String resource) {
        JsonNode root;
        try (InputStream in = CommonMistakes.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("table resource missing: " + resource);
            root = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TypeEntry> types = new ArrayList<>();
        root.path("types").forEach(t -> types.add(new TypeEntry(t.path("at").asString(), t.path("found").asString(), t.path("note").asString())));
        return new CommonMistakes(entries(root.path("fields")), entries(root.path("values")), types);
    }

    private static List<Entry> entries(JsonNode list) {
        List<Entry> out = new ArrayList<>();
        list.forEach(e -> out.add(new Entry(e.path("at").asString(), e.path("wrong").asString(),
                text(e.path("right")), text(e.path("note")))));
        return List.copyOf(out);
    }

    private static String text(JsonNode n) {
        return n.isString() ? n.asString() : null;
    }

    public List<Entry> fields() { return fields; }

    public List<Entry> values() { return values; }

    public List<TypeEntry> types() { return types; }

    /** The right name for field {@code name} of the object at {@code pointer}, from the table, else the closest allowed name. */
    public Optional<String> fieldName(String pointer, String name, Collection<String> allowed) {
        return find(fields, pointer, name).map(Entry::right).or(() -> Spelling.closest(name, allowed));
    }

    /** A hint for field {@code name} of the object at {@code pointer}: the table's, else "did you mean" the closest allowed name. */
    public Optional<String> fieldHint(String pointer, String name, Collection<String> allowed) {
        return hint(fields, pointer, name, allowed);
    }

    /** A hint for the value {@code value} at {@code pointer}: the table's, else "did you mean" the closest allowed value. */
    public Optional<String> valueHint(String pointer, String value, Collection<String> allowed) {
        return hint(values, pointer, value, allowed);
    }

    /** What a value of JSON type {@code found} at {@code pointer} was probably meant as, if the table says. */
    public Optional<String> typeHint(String pointer, String found) {
        return types.stream().filter(t -> t.found().equals(found) && matches(t.at(), pointer)).map(TypeEntry::note).findFirst();
    }

    private static Optional<String> hint(List<Entry> table, String pointer, String name, Collection<String> allowed) {
        Optional<Entry> known = find(table, pointer, name);
        if (known.isPresent()) return Optional.of(known.get().hint());
        return Spelling.closest(name, allowed).map(s -> "did you mean '" + s + "'?");
    }

    private static Optional<Entry> find(List<Entry> table, String pointer, String name) {
        if (name == null) return Optional.empty();
        return table.stream().filter(e -> e.matches(pointer, name)).findFirst();
    }

    /** Whether {@code pointer} matches {@code pattern}, step by step, '*' matching any one step. */
    static boolean matches(String pattern, String pointer) {
        String[] want = pattern.split("/", -1);
        String[] got = pointer.split("/", -1);
        if (want.length != got.length) return false;
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(got[i])) return false;
        }
        return true;
    }
}
