package io.posmortem.intake;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.posmortem.model.BoundedMemo;
import io.posmortem.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON Schema (draft 2020-12) on the classpath and the translation of its errors into located
 * {@link Problem}s with readable messages and "did you mean" hints, coded {@code schema.<what>}.
 * Symptom files ({@link SymptomSchema}) and every knowledge-base file are validated through it.
 */
public final class DocumentSchema {

    private final JsonNode schemaNode;
    private final Schema schema;
    private final CommonMistakes mistakes;
    /**
     * Documents this schema found nothing wrong with (the last 64, as trees), for a schema that
     * validates many documents ({@link #loadForMany}), else null: a batch of many files of one
     * configuration validates its tree once. Only a problem's position depends on the file, and a
     * tree with none is valid wherever it was read from; a key is a copy of the tree, so nothing
     * done to a document afterwards can change it.
     */
    private final BoundedMemo<JsonNode, Boolean> valid;

    /**
     * The outcome of validating a document: its problems, ordered by position, and the pointers of
     * the nodes they make unusable (a wrong value, an unknown field and the field it stands for, a
     * missing required field), so that later checks can skip what depends on them.
     */
    public record Validation(List<Problem> problems, Set<String> invalid) {}

    private DocumentSchema(String resource, CommonMistakes mistakes, boolean forMany) {
        this.mistakes = mistakes;
        this.valid = forMany ? new BoundedMemo<>(64) : null;
        try (InputStream in = DocumentSchema.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("schema resource missing: " + resource);
            this.schemaNode = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ROOT)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(config));
        this.schema = registry.getSchema(schemaNode);
    }

    /** The schema at classpath location {@code resource}; a missing or malformed resource is a build defect. */
    public static DocumentSchema load(String resource) {
        return new DocumentSchema(resource, CommonMistakes.NONE, false);
    }

    /** As {@link #load(String)}, with a table of common mistakes for the hints. */
    public static DocumentSchema load(String resource, CommonMistakes mistakes) {
        return new DocumentSchema(resource, mistakes, false);
    }

    /** As {@link #load(String, CommonMistakes)}, for a schema that validates many documents: it remembers the trees it found valid. */
    public static DocumentSchema loadForMany(String resource, CommonMistakes mistakes) {
        return new DocumentSchema(resource, mistakes, true);
    }

    /** Every schema violation in {@code doc}, ordered by position in the file. */
    public List<Problem> validate(LocatedDocument doc) {
        return check(doc).problems();
    }

    /** Every schema violation in {@code doc}, ordered by position in the file, with the nodes they make unusable. */
    public Validation check(LocatedDocument doc) {
        if (valid == null) return checkAll(doc);
        if (valid.known(doc.root()) != null) return NONE;
        Validation validation = checkAll(doc);
        if (validation.problems().isEmpty() && validation.invalid().isEmpty()) valid.remember(doc.root().deepCopy(), Boolean.TRUE);
        return validation;
    }

    private static final Validation NONE = new Validation(List.of(), Set.of());

    private Validation checkAll(LocatedDocument doc) {
        List<Problem> problems = new ArrayList<>();
        Set<String> invalid = new TreeSet<>();
        for (Error error : schema.validate(doc.root())) {
            problems.add(translate(doc, error, invalid));
        }
        problems.removeIf(p -> isExplainedByTypo(p, problems));
        problems.removeIf(p -> isLooserBound(p, problems));
        problems.sort(BY_POSITION);
        return new Validation(List.copyOf(problems), Set.copyOf(invalid));
    }

    /** Problems in file order: line, column, then pointer, code and message so that ties are deterministic. */
    public static final Comparator<Problem> BY_POSITION = Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column)
            .thenComparing(Problem::pointer).thenComparing(Problem::code).thenComparing(Problem::message);

    private Problem translate(LocatedDocument doc, Error error, Set<String> invalid) {
        String pointer = pointer(error.getInstanceLocation().toString());
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        JsonNode here = error.getInstanceNode();
        switch (keyword) {
            case "required":
            case "additionalProperties":
                break;
            default:
                invalid.add(pointer);
        }
        switch (keyword) {
            case "required": {
                String missing = error.getProperty();
                invalid.add(pointer + "/" + LocatedDocument.escape(missing));
                return doc.problem("schema.required", pointer,
                        "missing required field '" + missing + "'", describe(parentSchema(error).path("properties").path(missing), missing),
                        "add '" + missing + "'");
            }
            case "additionalProperties": {
                String unknown = error.getProperty();
                String child = pointer + "/" + LocatedDocument.escape(unknown);
                List<String> allowed = new ArrayList<>(parentSchema(error).path("properties").propertyNames());
                invalid.add(child);
                // The field the unknown one stands for is as good as missing: checks of it are skipped too.
                mistakes.fieldName(pointer, unknown, allowed).ifPresent(meant -> invalid.add(pointer + "/" + LocatedDocument.escape(meant)));
                String hint = mistakes.fieldHint(pointer, unknown, allowed)
                        .orElse("allowed here: " + String.join(", ", allowed));
                return doc.problem("schema.unknown-field", child, "unknown field '" + unknown + "'", null, hint);
            }
            case "type": {
                String expected = String.valueOf(error.getSchemaNode().isArray()
                        ? error.getSchemaNode().toString() : error.getSchemaNode().asString());
                return doc.problem("schema.type", pointer, "wrong type: found " + kind(here),
                        article(expected), mistakes.typeHint(pointer, jsonType(here)).orElse(null));
            }
            case "enum":
            case "const": {
                JsonNode options = error.getSchemaNode();
                List<String> allowed = new ArrayList<>();
                if (options.isArray()) options.forEach(o -> allowed.add(o.asString()));
                else allowed.add(options.toString());
                String got = here == null ? "null" : here.isString() ? here.asString() : here.toString();
                String hint = here != null && here.isString() ? mistakes.valueHint(pointer, got, allowed).orElse(null) : null;
                return doc.problem("schema.value", pointer, "value '" + got + "' is not allowed here",
                        "one of " + String.join(", ", allowed), hint);
            }
            case "minimum":
            case "maximum":
            case "exclusiveMinimum":
            case "exclusiveMaximum":
            case "multipleOf":
                return doc.problem("schema.range", pointer, "value " + (here == null ? "?" : here.toString()) + " is out of range",
                        keywordText(keyword) + " " + error.getSchemaNode().toString(), null);
            case "minItems":
                return doc.problem("schema.too-few", pointer, "needs at least " + error.getSchemaNode() + " item(s)", null, null);
            case "maxItems":
            case "maxLength":
                return doc.problem("schema.too-long", pointer, "longer than allowed (" + keywordText(keyword) + " "
                        + error.getSchemaNode() + ")", null, null);
            case "pattern":
                return doc.problem("schema.pattern", pointer, "'" + (here == null ? "" : here.asString())
                        + "' is not a valid name", "letters, digits, '.', '_' or '-', starting with a letter or digit", null);
            default:
                return doc.problem("schema." + keyword, pointer, error.getMessage(), null, null);
        }
    }

    /**
     * A missing required field whose name an unknown field in the same object was suggested to be
     * ("capabilty" -> did you mean 'capability'?) is the same mistake; report it once.
     */
    private static boolean isExplainedByTypo(Problem missing, List<Problem> all) {
        if (!missing.code().equals("schema.required")) return false;
        String field = missing.message().replaceAll(".*'(.*)'.*", "$1");
        String suggestion = "did you mean '" + field + "'?";
        return all.stream().anyMatch(p -> p.code().equals("schema.unknown-field") && p.hint() != null && p.hint().startsWith(suggestion)
                && p.pointer().startsWith(missing.pointer() + "/"));
    }

    /**
     * A value below two minimums (a field's own and its referenced type's, as trained_context's 2
     * and every length's 1) is one mistake: only the tighter bound is reported.
     */
    private static boolean isLooserBound(Problem range, List<Problem> all) {
        if (!range.code().equals("schema.range")) return false;
        Bound mine = Bound.of(range.expected());
        if (mine == null) return false;
        return all.stream().filter(p -> p != range && p.code().equals("schema.range") && p.pointer().equals(range.pointer()))
                .map(p -> Bound.of(p.expected())).anyMatch(other -> other != null && other.tighterThan(mine));
    }

    /** A bound as {@link #translate} writes it into {@code expected}: ">= 2", "< 100". */
    private record Bound(String op, double value) {
        static Bound of(String expected) {
            if (expected == null) return null;
            String[] parts = expected.split(" ");
            if (parts.length != 2 || !List.of(">=", ">", "<=", "<").contains(parts[0])) return null;
            try {
                return new Bound(parts[0], Double.parseDouble(parts[1]));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        boolean tighterThan(Bound other) {
            boolean lower = op.startsWith(">");
            if (lower != other.op.startsWith(">")) return false;
            if (value != other.value) return lower ? value > other.value : value < other.value;
            return op.length() < other.op.length(); // strict beats inclusive at the same value
        }
    }

    /** The schema object that holds the failing keyword (e.g. the observation schema for its additionalProperties). */
    private JsonNode parentSchema(Error error) {
        String location = error.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        String fragment = hash < 0 ? "" : location.substring(hash + 1);
        int slash = fragment.lastIndexOf('/');
        String parent = slash <= 0 ? "" : fragment.substring(0, slash);
        return parent.isEmpty() ? schemaNode : schemaNode.at(parent);
    }

    private static String describe(JsonNode propertySchema, String name) {
        String description = propertySchema.path("description").asString("");
        return description.isEmpty() ? name : name + ": " + description;
    }

    /** networknt prints the root as "" or "/"; pointers here never end in "/". */
    private static String pointer(String location) {
        if (location == null || location.equals("/") || location.equals("$")) return "";
        return location;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) return "null";
        if (node.isString()) return "string '" + node.asString() + "'";
        if (node.isIntegralNumber()) return "integer " + node;
        if (node.isNumber()) return "number " + node;
        if (node.isBoolean()) return "boolean " + node;
        if (node.isArray()) return "a list";
        if (node.isObject()) return "a mapping";
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    /** The JSON type of {@code node}, as the common-mistakes table names it. */
    private static String jsonType(JsonNode node) {
        if (node == null || node.isNull()) return "null";
        if (node.isNumber()) return "number";
        if (node.isString()) return "string";
        if (node.isBoolean()) return "boolean";
        if (node.isArray()) return "array";
        return "object";
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "object" -> "a mapping (key: value)";
            case "array" -> "a list";
            default -> "a " + type;
        };
    }

    private static String keywordText(String keyword) {
        return switch (keyword) {
            case "minimum" -> ">=";
            case "maximum", "maxItems", "maxLength" -> "<=";
            case "exclusiveMinimum" -> ">";
            case "exclusiveMaximum" -> "<";
            case "multipleOf" -> "a multiple of";
            default -> keyword;
        };
    }
}
