package io.posmortem.intake;

import io.posmortem.model.Problem;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * A YAML or JSON document read into a tree that remembers where every node came from, so that any
 * problem found later (schema, vocabulary, ranges) can be reported with line and column.
 *
 * <p>Stricter than a plain parse: duplicate keys, YAML aliases, several YAML documents in one
 * file, non-finite numbers and nesting deeper than {@link #MAX_DEPTH} are problems.
 */
public final class LocatedDocument {

    /** Deepest nesting accepted. Symptom files need 6 levels. */
    public static final int MAX_DEPTH = 32;
    /** Most nodes accepted in one document. */
    public static final int MAX_NODES = 200_000;

    /** Larger numbers are refused before validation: no positional quantity comes near, and they overflow integer checks. */
    public static final double MAX_MAGNITUDE = 1e15;

    /** Smallest magnitude of a non-zero number: below it a number is rejected as underflowing. */
    public static final double MIN_MAGNITUDE = 1e-15;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** Input syntax. */
    public enum Syntax { YAML, JSON }

    private final String source;
    private final JsonNode root;
    private final Map<String, SourceLocation> valueAt;
    private final Map<String, SourceLocation> keyAt;

    private LocatedDocument(String source, JsonNode root, Map<String, SourceLocation> valueAt,
                            Map<String, SourceLocation> keyAt) {
        this.source = source;
        this.root = root;
        this.valueAt = valueAt;
        this.keyAt = keyAt;
    }

    public String source() { return source; }

    public JsonNode root() { return root; }

    /** JSON when the file name ends in .json or the text starts with '{' or '['; YAML otherwise. */
    public static Syntax syntaxOf(String fileName, String text) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".json")) return Syntax.JSON;
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return Syntax.YAML;
        String t = text.stripLeading();
        return t.startsWith("{") || t.startsWith("[") ? Syntax.JSON : Syntax.YAML;
    }

    /** Parses {@code text}; every problem found is reported at once where parsing can go on. */
    public static LocatedDocument parse(SourceText text, Syntax syntax) throws InvalidInputException {
        Reader reader = new Reader(text.source(), syntax);
        JsonNode root = reader.read(text.text());
        if (!reader.problems.isEmpty()) throw new InvalidInputException(reader.problems);
        return new LocatedDocument(text.source(), root, reader.valueAt, reader.keyAt);
    }

    /**
     * Where the node at {@code pointer} is written: its key for object members, else the value;
     * for a pointer that does not exist (a missing field), the nearest existing ancestor.
     */
    public SourceLocation locate(String pointer) {
        String p = pointer;
        while (true) {
            SourceLocation key = keyAt.get(p);
            if (key != null) return key;
            SourceLocation value = valueAt.get(p);
            if (value != null) return value;
            if (p.isEmpty()) return SourceLocation.UNKNOWN;
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** A problem located at {@code pointer}. */
    public Problem problem(String code, String pointer, String message, String expected, String hint) {
        SourceLocation at = locate(pointer);
        return new Problem(code, source, pointer, at.line(), at.column(), message, expected, hint);
    }

    /** Escapes one JSON-pointer reference token (RFC 6901). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static final class Reader {
        private final String source;
        private final Syntax syntax;
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, SourceLocation> valueAt = new HashMap<>();
        private final Map<String, SourceLocation> keyAt = new HashMap<>();
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;
        private int count;

        Reader(String source, Syntax syntax) {
            this.source = source;
            this.syntax = syntax;
        }

        JsonNode read(String text) {
            try (JsonParser p = (syntax == Syntax.JSON ? JSON : YAML).createParser(text)) {
                if (p.nextToken() == null) {
                    problems.add(at("input.empty", "", null, "the document is empty", "a mapping with posmortem, model and builds", null));
                    return nodes.missingNode();
                }
                JsonNode root = value(p, "", 0);
                if (p.nextToken() != null) {
                    problems.add(at("syntax.extra-document", "", p.currentTokenLocation(),
                            "more than one document in the file", "exactly one document",
                            "put each symptom file in its own file"));
                }
                return root;
            } catch (Abort e) {
                return nodes.missingNode();
            } catch (JacksonException e) {
                problems.add(SyntaxProblem.of(source, syntax, text, e));
                return nodes.missingNode();
            }
        }

        private JsonNode value(JsonParser p, String pointer, int depth) {
            TokenStreamLocation loc = p.currentTokenLocation();
            valueAt.put(pointer, location(loc));
            if (++count > MAX_NODES) {
                problems.add(at("input.too-many-nodes", pointer, loc, "more than " + MAX_NODES + " values", null, null));
                throw new Abort();
            }
            if (depth > MAX_DEPTH) {
                problems.add(at("input.too-deep", pointer, loc, "nesting deeper than " + MAX_DEPTH + " levels", null, null));
                throw new Abort();
            }
            if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                problems.add(at("syntax.yaml-alias", pointer, loc, "YAML alias *" + p.getString() + " is not supported",
                        "a plain value", "write the value out in full"));
                return nodes.nullNode();
            }
            JsonToken token = p.currentToken();
            switch (token) {
                case START_OBJECT: {
                    ObjectNode object = nodes.objectNode();
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String name = p.currentName();
                        String child = pointer + "/" + escape(name);
                        TokenStreamLocation keyLoc = p.currentTokenLocation();
                        p.nextToken();
                        if (object.has(name)) {
                            problems.add(at("syntax.duplicate-key", child, keyLoc, "key '" + name + "' appears twice",
                                    "each key once", "remove one of them"));
                            value(p, child + "~duplicate", depth + 1);
                            continue;
                        }
                        keyAt.put(child, location(keyLoc));
                        object.set(name, value(p, child, depth + 1));
                    }
                    return object;
                }
                case START_ARRAY: {
                    ArrayNode array = nodes.arrayNode();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        array.add(value(p, pointer + "/" + i, depth + 1));
                        i++;
                    }
                    return array;
                }
                case VALUE_STRING:
                    return nodes.stringNode(p.getString());
                case VALUE_NUMBER_INT: {
                    BigInteger big = p.getBigIntegerValue();
                    if (big.abs().compareTo(BigInteger.valueOf((long) MAX_MAGNITUDE)) > 0) {
                        problems.add(at("value.too-large", pointer, loc, "number " + p.getString() + " is beyond any meaningful value here",
                                "a number of magnitude at most 1e15", null));
                        return nodes.numberNode(0L);
                    }
                    return nodes.numberNode(big.longValue());
                }
                case VALUE_NUMBER_FLOAT: {
                    double d = p.getDoubleValue();
                    if (!Double.isFinite(d)) {
                        problems.add(at("value.not-finite", pointer, loc, "number " + p.getString() + " is not finite",
                                "a finite number", null));
                    } else if (Math.abs(d) > MAX_MAGNITUDE) {
                        problems.add(at("value.too-large", pointer, loc, "number " + p.getString() + " is beyond any meaningful value here",
                                "a number of magnitude at most 1e15", null));
                        return nodes.numberNode(0.0);
                    } else if (d != 0 && Math.abs(d) < MIN_MAGNITUDE) {
                        // Subnormal and near-subnormal values underflow in the formulas (a factor of
                        // 4.9e-324 is 0 once multiplied or inverted); no parameter here means one.
                        problems.add(at("value.range", pointer, loc, "number " + p.getString() + " is too small to mean anything here",
                                "0, or a number of magnitude at least 1e-15", null));
                        return nodes.numberNode(0.0);
                    }
                    return nodes.numberNode(d);
                }
                case VALUE_TRUE:
                    return nodes.booleanNode(true);
                case VALUE_FALSE:
                    return nodes.booleanNode(false);
                case VALUE_NULL:
                    return nodes.nullNode();
                default:
                    problems.add(at("syntax", pointer, loc, "unexpected " + token, null, null));
                    throw new Abort();
            }
        }

        private Problem at(String code, String pointer, TokenStreamLocation loc, String message, String expected, String hint) {
            SourceLocation l = location(loc);
            return new Problem(code, source, pointer, l.line(), l.column(), message, expected, hint);
        }

        private static SourceLocation location(TokenStreamLocation loc) {
            if (loc == null || loc.getLineNr() < 1) return SourceLocation.UNKNOWN;
            return new SourceLocation(loc.getLineNr(), Math.max(loc.getColumnNr(), 0));
        }
    }

    /** Stops reading after a problem that makes the rest of the document meaningless. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }
}
