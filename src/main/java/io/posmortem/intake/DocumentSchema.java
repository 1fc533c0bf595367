package io.posmortem.intake;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.posmortem.model.Problem;
import io.posmortem.model.Spelling;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

    private DocumentSchema(String resource) {
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
        return new DocumentSchema(resource);
    }

    /** Every schema violation in {@code doc}, ordered by position in the file. */
    public List<Problem> validate(LocatedDocument doc) {
        List<Problem> problems = new ArrayList<>();
        for (Error error : schema.validate(doc.root())) {
            problems.add(translate(doc, error));
        }
        problems.removeIf(p -> isExplainedByTypo(p, problems));
        problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column)
                .thenComparing(Problem::pointer).thenComparing(Problem::message));
        return problems;
    }

    private Problem translate(LocatedDocument doc, Error error) {
        String pointer = pointer(error.getInstanceLocation().toString());
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        JsonNode here = error.getInstanceNode();
        switch (keyword) {
            case "required": {
                String missing = error.getProperty();
                return doc.problem("schema.required", pointer,
                        "missing required field '" + missing + "'", describe(parentSchema(error).path("properties").path(missing), missing),
                        "add '" + missing + "'");
            }
            case "additionalProperties": {
                String unknown = error.getProperty();
                String child = pointer + "/" + LocatedDocument.escape(unknown);
                List<String> allowed = new ArrayList<>(parentSchema(error).path("properties").propertyNames());
                String hint = Spelling.closest(unknown, allowed).map(s -> "did you mean '" + s + "'?")
                        .orElse("allowed here: " + String.join(", ", allowed));
                return doc.problem("schema.unknown-field", child, "unknown field '" + unknown + "'", null, hint);
            }
            case "type": {
                String expected = String.valueOf(error.getSchemaNode().isArray()
                        ? error.getSchemaNode().toString() : error.getSchemaNode().asString());
                return doc.problem("schema.type", pointer, "wrong type: found " + kind(here),
                        article(expected), null);
            }
            case "enum":
            case "const": {
                JsonNode options = error.getSchemaNode();
                List<String> allowed = new ArrayList<>();
                if (options.isArray()) options.forEach(o -> allowed.add(o.asString()));
                else allowed.add(options.toString());
                String got = here == null ? "null" : here.isString() ? here.asString() : here.toString();
                String hint = here != null && here.isString()
                        ? Spelling.closest(got, allowed).map(s -> "did you mean '" + s + "'?").orElse(null) : null;
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
        return all.stream().anyMatch(p -> p.code().equals("schema.unknown-field") && suggestion.equals(p.hint())
                && p.pointer().startsWith(missing.pointer() + "/"));
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
