package io.posmortem.trace;

import io.posmortem.model.Numbers;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a rule's explanation template from the values its firing bound. {@code {name}} is the
 * value bound to {@code $name}; {@code {name.part}} reads the record component (or no-argument
 * method) {@code part} of it. Numbers go through {@link Numbers#format}, enums print as
 * lower-case wire names, records with an {@code id()} print their id. An unknown placeholder is
 * kept as {@code {name?}} so that a template mistake is visible rather than silent.
 */
public final class Explanations {
    private Explanations() {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)}");

    /** A placeholder of a template: the binding's name and the components read from its value. */
    private record Placeholder(String name, String[] path, String missing) {}

    /**
     * Templates split into text and placeholders, each once (a rule's template is filled at every
     * firing); at most {@link #PARSED_KEPT} are kept, further ones are split at every use.
     */
    private static final Map<String, List<Object>> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_KEPT = 4096;

    /** The no-argument public methods of a class by name, looked up once (an absent one as empty). */
    private static final ClassValue<Map<String, Optional<Method>>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Optional<Method>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    public static String fill(String template, Map<String, Object> bindings) {
        if (template == null) return "";
        List<Object> parts = PARSED.get(template);
        if (parts == null) {
            parts = parse(template);
            if (PARSED.size() < PARSED_KEPT) PARSED.putIfAbsent(template, parts);
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                Object value = resolve(p, bindings);
                out.append(value == MISSING ? p.missing() : render(value));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    private static List<Object> parse(String template) {
        List<Object> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) parts.add(template.substring(at, m.start()));
            String path = m.group(2);
            parts.add(new Placeholder(m.group(1), path.isEmpty() ? new String[0] : path.substring(1).split("\\."),
                    "{" + m.group(1) + path + "?}"));
            at = m.end();
        }
        if (at < template.length()) parts.add(template.substring(at));
        return List.copyOf(parts);
    }

    private static final Object MISSING = new Object();

    private static Object resolve(Placeholder p, Map<String, Object> bindings) {
        if (!bindings.containsKey(p.name())) return MISSING;
        Object value = bindings.get(p.name());
        for (String part : p.path()) {
            if (value == null) return MISSING;
            Optional<Method> method = method(value.getClass(), part);
            if (method.isEmpty()) return MISSING;
            try {
                value = method.get().invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return MISSING;
            }
        }
        return value;
    }

    /** The public no-argument method {@code name} of {@code type}, if it has one. */
    private static Optional<Method> method(Class<?> type, String name) {
        return METHODS.get(type).computeIfAbsent(name, n -> {
            try {
                return Optional.of(type.getMethod(n));
            } catch (NoSuchMethodException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** How a bound value reads in text. */
    public static String render(Object value) {
        if (value == null) return "none";
        if (value instanceof Double || value instanceof Float) return Numbers.format(((Number) value).doubleValue());
        if (value instanceof Number n) return Numbers.format(n.doubleValue());
        if (value instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (value instanceof CharSequence s) return s.toString();
        if (value.getClass().isRecord()) {
            Optional<Method> id = method(value.getClass(), "id");
            if (id.isEmpty()) return value.getClass().getSimpleName();
            try {
                return String.valueOf(id.get().invoke(value));
            } catch (ReflectiveOperationException e) {
                return value.getClass().getSimpleName();
            }
        }
        return String.valueOf(value);
    }
}
