package io.posmortem.inference;

import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.model.Problem;
import io.posmortem.model.Spelling;
import io.posmortem.model.evidence.ReportedFact;
import io.posmortem.model.knowledge.Capability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;

/**
 * Checks the domain words a rule pack uses against what exists, when the pack loads (a misspelt id
 * would otherwise make a rule silently never match):
 * <ul>
 *   <li>finding ids a rule matches ({@code Finding( id == "x" )}, {@code id in ( ... )}) must be
 *       produced by some rule of the pack ({@code new Finding( $s, $b, "x", ... )});
 *   <li>hypothesis ids ({@code hypothesis == "x"}, {@code hypothesis in ( ... )}) must be in the
 *       knowledge base; capability ids ({@code capability == "x"}) too;
 *   <li>capability scopes ({@code scope == "x"}, {@code scope in ( ... )}) must be known scopes;
 *   <li>RoPE methods ({@code method}, {@code configuredMethod} compared with a literal) must be
 *       methods the evidence engine computes;
 *   <li>every {@code {placeholder}} of an {@code @explanation} must name one of the rule's bindings.
 * </ul>
 * Each problem carries file, line and column.
 */
final class RuleVocabulary {
    private RuleVocabulary() {}

    private static final Pattern PRODUCED_FINDING = Pattern.compile(
            "new\\s+Finding\\s*\\(\\s*(?:[^,()]|\\([^()]*\\))+,\\s*(?:[^,()]|\\([^()]*\\))+,\\s*\"([^\"]+)\"");
    private static final Pattern FINDING_PATTERN = Pattern.compile("(?<!new\\s)\\bFinding\\s*\\(");
    private static final Pattern ID_CONSTRAINT = Pattern.compile("\\bid\\s*(?:==\\s*(\"[^\"]*\")|in\\s*\\(([^)]*)\\))");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]\\w*)");

    static List<Problem> check(Map<Path, String> sources, Map<Rule, Path> rules, KnowledgeBase kb) {
        List<Problem> out = new ArrayList<>();
        Set<String> produced = new LinkedHashSet<>();
        sources.values().forEach(src -> {
            Matcher m = PRODUCED_FINDING.matcher(src);
            while (m.find()) produced.add(m.group(1));
        });
        Set<String> methods = new LinkedHashSet<>(ReportedFact.STATES.get("configured-method"));
        for (Map.Entry<Path, String> e : sources.entrySet()) {
            Path file = e.getKey();
            String src = stripComments(e.getValue());
            Matcher f = FINDING_PATTERN.matcher(src);
            while (f.find()) {
                int end = closing(src, f.end() - 1);
                Matcher id = ID_CONSTRAINT.matcher(src.substring(f.end(), end));
                while (id.find()) {
                    String list = id.group(1) != null ? id.group(1) : id.group(2);
                    literals(list, f.end() + (id.group(1) != null ? id.start(1) : id.start(2)), src,
                            (word, at) -> unknown(out, file, src, at, "finding", "finding", word, produced,
                                    "no rule of the pack inserts a Finding with this id"));
                }
            }
            Map<String, List<int[]>> constraints = constraints(src);
            field(out, file, src, constraints, "hypothesis", "hypothesis", kb.hypotheses().keySet(), "use a hypothesis id from knowledge-base/hypotheses.yaml");
            field(out, file, src, constraints, "capability", "capability", kb.capabilities().keySet(), "use a capability id from knowledge-base/capabilities.yaml");
            field(out, file, src, constraints, "scope", "scope", Capability.SCOPES, "one of " + String.join(", ", Capability.SCOPES));
            field(out, file, src, constraints, "method", "method", methods, "one of " + String.join(", ", methods));
            field(out, file, src, constraints, "configuredMethod", "method", methods, "one of " + String.join(", ", methods));
        }
        for (Map.Entry<Rule, Path> r : rules.entrySet()) placeholders(out, r.getKey(), r.getValue(), sources.getOrDefault(r.getValue(), ""));
        return out;
    }

    private interface Word {
        void check(String word, int at);
    }

    /** The fields whose literals are checked, as a rule compares them ({@code name == "x"} and so on). */
    private static final List<String> FIELDS = List.of("hypothesis", "capability", "scope", "method", "configuredMethod");
    private static final Pattern FIELD_NAME = Pattern.compile("(?<![\\w.])(?:" + String.join("|", FIELDS) + ")");
    /** What follows a field name in a constraint on it: {@code == "x"}, {@code != "x"}, {@code [not] in ( "a", "b" )}. */
    private static final Pattern CONSTRAINT_TAIL = Pattern.compile("\\s*(?:[=!]=\\s*(\"[^\"]*\")|(?:not\\s+)?in\\s*\\(([^)]*)\\))");

    /**
     * Every constraint on a checked field in {@code src}, by field, as {start, end} of its literal
     * or list, in one pass over the text. Per field, a constraint that begins inside the previous
     * one on the same field is skipped, as a scan for that field alone would.
     */
    static Map<String, List<int[]>> constraints(String src) {
        Map<String, List<int[]>> out = new java.util.HashMap<>();
        Map<String, Integer> scannedTo = new java.util.HashMap<>();
        Matcher name = FIELD_NAME.matcher(src);
        Matcher tail = CONSTRAINT_TAIL.matcher(src);
        while (name.find()) {
            String field = name.group();
            if (name.start() < scannedTo.getOrDefault(field, 0)) continue;
            tail.region(name.end(), src.length());
            if (!tail.lookingAt()) continue;
            int group = tail.group(1) != null ? 1 : 2;
            out.computeIfAbsent(field, f -> new ArrayList<>()).add(new int[] {tail.start(group), tail.end(group)});
            scannedTo.put(field, tail.end());
        }
        return out;
    }

    /** The literals of every constraint on {@code name} (from {@link #constraints}), each checked against {@code known}. */
    private static void field(List<Problem> out, Path file, String src, Map<String, List<int[]>> constraints, String name, String what,
                              Collection<String> known, String hint) {
        for (int[] at : constraints.getOrDefault(name, List.of())) {
            literals(src.substring(at[0], at[1]), at[0], src, (word, where) -> unknown(out, file, src, where, what, name, word, known, hint));
        }
    }

    private static void literals(String text, int offset, String src, Word each) {
        Matcher l = LITERAL.matcher(text);
        while (l.find()) each.check(l.group(1), offset + l.start());
    }

    /** A problem {@code rules.unknown-<what>} at {@code at} unless {@code word} is known; {@code name} is the field as written. */
    private static void unknown(List<Problem> out, Path file, String src, int at, String what, String name, String word,
                                Collection<String> known, String hint) {
        if (known.contains(word)) return;
        int line = 1 + (int) src.substring(0, at).chars().filter(c -> c == '\n').count();
        int column = at - src.lastIndexOf('\n', at - 1);
        String suggestion = Spelling.closest(word, known).map(s -> "did you mean '" + s + "'?").orElse(hint);
        out.add(new Problem("rules.unknown-" + what, file.toString(), "", line, column, "unknown " + name + " '" + word + "'", null, suggestion));
    }

    private static void placeholders(List<Problem> out, Rule rule, Path file, String source) {
        Object text = rule.getMetaData().get("explanation");
        if (text == null || !(rule instanceof RuleImpl impl)) return;
        Set<String> bound = new LinkedHashSet<>();
        impl.getDeclarations().keySet().forEach(d -> bound.add(d.startsWith("$") ? d.substring(1) : d));
        Matcher m = PLACEHOLDER.matcher(String.valueOf(text));
        while (m.find()) {
            if (bound.contains(m.group(1))) continue;
            int line = RulePack.lineOf(source, rule.getName());
            out.add(new Problem("rules.explanation-placeholder", file.toString(), "", line, 0, "rule \"" + rule.getName()
                    + "\": @explanation names {" + m.group(1) + "}, which the rule does not bind", null,
                    Spelling.closest(m.group(1), bound).map(s -> "did you mean {" + s + "}?")
                            .orElse("bound: " + String.join(", ", bound))));
        }
    }

    /** Index of the parenthesis closing the one at {@code open}, or the end of the text. */
    private static int closing(String src, int open) {
        int depth = 0;
        for (int i = open; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return src.length();
    }

    /** The source with // comments blanked (same length, so offsets stay line and column true). */
    private static String stripComments(String src) {
        StringBuilder sb = new StringBuilder(src);
        Matcher m = Pattern.compile("//[^\\n]*").matcher(src);
        while (m.find()) for (int i = m.start(); i < m.end(); i++) sb.setCharAt(i, ' ');
        return sb.toString();
    }
}
