package io.posmortem.inference;

import io.posmortem.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of a rule pack's sources that compile but are likely mistakes (codes {@code lint.*}):
 * <ul>
 *   <li>{@code lint.duplicate-condition}: the same pattern twice in one rule's conditions;
 *   <li>{@code lint.duplicate-rule}: two rules with the same conditions and the same consequence;
 *   <li>{@code lint.subsumed-comparison}: two literal bounds on one field in one pattern where one
 *       implies the other ({@code x > 0.5, x > 0.3});
 *   <li>{@code lint.contradictory-comparison}: literal bounds on one field that no value meets
 *       ({@code x > 0.5, x < 0.3}).
 * </ul>
 * The analysis is textual (patterns are compared after whitespace is normalised), so it reports
 * places to look, each with file and line.
 */
public final class RuleLint {
    private RuleLint() {}

    private static final Pattern RULE = Pattern.compile("(?m)^rule\\s+\"([^\"]+)\"(.*?)^end\\b", Pattern.DOTALL);
    private static final Pattern BOUND = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*(<=|>=|<|>)\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\b");

    public static List<Problem> lint(String file, String source) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> bodies = new LinkedHashMap<>();
        Matcher m = RULE.matcher(source);
        while (m.find()) {
            String name = m.group(1);
            int line = lineOf(source, m.start());
            String body = m.group(2);
            int when = body.indexOf("\nwhen");
            int then = body.indexOf("\nthen");
            if (when < 0 || then < when) continue;
            String conditions = body.substring(when + 5, then);
            String consequence = body.substring(then + 5);
            List<String> patterns = patterns(conditions);
            List<String> seen = new ArrayList<>();
            for (String p : patterns) {
                String norm = normalise(p);
                if (seen.contains(norm)) {
                    problems.add(new Problem("lint.duplicate-condition", file, "", line, 0,
                            "rule \"" + name + "\" states the same condition twice: " + norm, null, "remove one of them"));
                }
                seen.add(norm);
                bounds(p, name, file, line, problems);
            }
            String key = normalise(String.join("\n", seen)) + "\n=>" + normalise(consequence);
            String other = bodies.putIfAbsent(key, name);
            if (other != null) {
                problems.add(new Problem("lint.duplicate-rule", file, "", line, 0,
                        "rule \"" + name + "\" has the same conditions and consequence as \"" + other + "\"", null,
                        "merge them, or make one of them say something the other does not"));
            }
        }
        return problems;
    }

    /** Top-level patterns of a condition block: one per line that starts a pattern, joined with its continuation lines. */
    static List<String> patterns(String conditions) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (String raw : conditions.split("\n")) {
            String line = raw.replaceAll("//.*$", "").strip();
            if (line.isEmpty()) continue;
            if (depth == 0 && current.length() > 0) {
                out.add(current.toString());
                current.setLength(0);
            }
            current.append(line).append(' ');
            for (char c : line.toCharArray()) {
                if (c == '(') depth++;
                if (c == ')') depth--;
            }
        }
        if (current.length() > 0) out.add(current.toString());
        return out;
    }

    private static void bounds(String pattern, String rule, String file, int line, List<Problem> problems) {
        if (pattern.contains("||")) return;
        Map<String, List<String[]>> byField = new LinkedHashMap<>();
        Matcher m = BOUND.matcher(pattern);
        while (m.find()) byField.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(new String[] {m.group(2), m.group(3)});
        for (Map.Entry<String, List<String[]>> e : byField.entrySet()) {
            List<String[]> bounds = e.getValue();
            for (int i = 0; i < bounds.size(); i++) {
                for (int j = i + 1; j < bounds.size(); j++) {
                    String[] a = bounds.get(i);
                    String[] b = bounds.get(j);
                    double va = Double.parseDouble(a[1]);
                    double vb = Double.parseDouble(b[1]);
                    boolean lowerA = a[0].startsWith(">");
                    boolean lowerB = b[0].startsWith(">");
                    String text = e.getKey() + " " + a[0] + " " + a[1] + " and " + e.getKey() + " " + b[0] + " " + b[1];
                    if (lowerA == lowerB) {
                        problems.add(new Problem("lint.subsumed-comparison", file, "", line, 0,
                                "rule \"" + rule + "\": " + text + ": one bound implies the other", null, "keep the tighter bound"));
                    } else {
                        double lower = lowerA ? va : vb;
                        double upper = lowerA ? vb : va;
                        boolean strict = (lowerA ? a[0] : b[0]).equals(">") || (lowerA ? b[0] : a[0]).equals("<");
                        if (lower > upper || (lower == upper && strict)) {
                            problems.add(new Problem("lint.contradictory-comparison", file, "", line, 0,
                                    "rule \"" + rule + "\": " + text + ": no value satisfies both", null, "the rule can never fire"));
                        }
                    }
                }
            }
        }
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static int lineOf(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (source.charAt(i) == '\n') line++;
        return line;
    }
}
