package io.posmortem.trace;

import io.posmortem.model.Numbers;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
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

    public static String fill(String template, Map<String, Object> bindings) {
        if (template == null) return "";
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = resolve(m.group(1), m.group(2), bindings);
            String text = value == MISSING ? "{" + m.group(1) + m.group(2) + "?}" : render(value);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Object MISSING = new Object();

    private static Object resolve(String name, String path, Map<String, Object> bindings) {
        if (!bindings.containsKey(name)) return MISSING;
        Object value = bindings.get(name);
        if (path.isEmpty()) return value;
        for (String part : path.substring(1).split("\\.")) {
            if (value == null) return MISSING;
            try {
                Method method = value.getClass().getMethod(part);
                value = method.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return MISSING;
            }
        }
        return value;
    }

    /** How a bound value reads in text. */
    public static String render(Object value) {
        if (value == null) return "none";
        if (value instanceof Double || value instanceof Float) return Numbers.format(((Number) value).doubleValue());
        if (value instanceof Number n) return Numbers.format(n.doubleValue());
        if (value instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (value instanceof CharSequence s) return s.toString();
        if (value.getClass().isRecord()) {
            try {
                return String.valueOf(value.getClass().getMethod("id").invoke(value));
            } catch (ReflectiveOperationException e) {
                return value.getClass().getSimpleName();
            }
        }
        return String.valueOf(value);
    }
}
