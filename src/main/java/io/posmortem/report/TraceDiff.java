package io.posmortem.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What changed between two traces (files written by {@code triage --trace}): the fingerprints and
 * input, and per build the conclusion, every hypothesis's certainty, the rules in the pack and the
 * rules that fired (with how often).
 */
public record TraceDiff(String a, String b, List<String> changes, List<BuildDiff> builds) {

    public record BuildDiff(String build, String conclusionA, String conclusionB, Map<String, double[]> scores,
                            List<String> rulesOnlyInA, List<String> rulesOnlyInB, Map<String, int[]> firings) {}

    public boolean identical() {
        return changes.isEmpty() && builds.stream().allMatch(d -> d.conclusionA().equals(d.conclusionB()) && d.scores().isEmpty()
                && d.rulesOnlyInA().isEmpty() && d.rulesOnlyInB().isEmpty() && d.firings().isEmpty());
    }

    public static TraceDiff of(String nameA, JsonNode a, String nameB, JsonNode b) {
        List<String> changes = new ArrayList<>();
        compare(changes, "input sha256", a.path("input_sha256").asString(""), b.path("input_sha256").asString(""));
        compare(changes, "rules fingerprint", a.path("fingerprint").path("rules").asString(""), b.path("fingerprint").path("rules").asString(""));
        compare(changes, "knowledge-base fingerprint", a.path("fingerprint").path("knowledge_base").asString(""),
                b.path("fingerprint").path("knowledge_base").asString(""));
        compare(changes, "version", a.path("version").asString(""), b.path("version").asString(""));
        Map<String, JsonNode> buildsA = builds(a);
        Map<String, JsonNode> buildsB = builds(b);
        Set<String> ids = new LinkedHashSet<>(buildsA.keySet());
        ids.addAll(buildsB.keySet());
        List<BuildDiff> diffs = new ArrayList<>();
        for (String id : ids) {
            JsonNode x = buildsA.get(id);
            JsonNode y = buildsB.get(id);
            if (x == null || y == null) {
                changes.add("build " + id + " only in " + (x == null ? nameB : nameA));
                continue;
            }
            Map<String, double[]> scores = new TreeMap<>();
            Set<String> hypotheses = new TreeSet<>();
            x.path("beliefs").propertyNames().forEach(hypotheses::add);
            y.path("beliefs").propertyNames().forEach(hypotheses::add);
            for (String h : hypotheses) {
                double sa = x.path("beliefs").path(h).asDouble(Double.NaN);
                double sb = y.path("beliefs").path(h).asDouble(Double.NaN);
                if (!(Math.abs(sa - sb) <= 1e-12)) scores.put(h, new double[] {sa, sb});
            }
            Set<String> rulesA = ruleIds(x);
            Set<String> rulesB = ruleIds(y);
            List<String> onlyA = rulesA.stream().filter(r -> !rulesB.contains(r)).toList();
            List<String> onlyB = rulesB.stream().filter(r -> !rulesA.contains(r)).toList();
            Map<String, Integer> firedA = fired(x);
            Map<String, Integer> firedB = fired(y);
            Map<String, int[]> firings = new TreeMap<>();
            Set<String> fired = new TreeSet<>(firedA.keySet());
            fired.addAll(firedB.keySet());
            for (String r : fired) {
                int ca = firedA.getOrDefault(r, 0);
                int cb = firedB.getOrDefault(r, 0);
                if (ca != cb) firings.put(r, new int[] {ca, cb});
            }
            diffs.add(new BuildDiff(id, conclusion(x), conclusion(y), scores, onlyA, onlyB, firings));
        }
        return new TraceDiff(nameA, nameB, List.copyOf(changes), List.copyOf(diffs));
    }

    private static void compare(List<String> changes, String what, String x, String y) {
        if (!x.equals(y)) changes.add(what + " differs");
    }

    private static Map<String, JsonNode> builds(JsonNode doc) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode b : doc.path("builds")) out.put(b.path("build").asString(), b);
        return out;
    }

    private static Set<String> ruleIds(JsonNode build) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode r : build.path("rules")) out.add(r.path("id").asString());
        return out;
    }

    private static Map<String, Integer> fired(JsonNode build) {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode f : build.path("firings")) out.merge(f.path("rule").asString(), 1, Integer::sum);
        return out;
    }

    private static String conclusion(JsonNode build) {
        JsonNode c = build.path("conclusion");
        if (c.isMissingNode() || c.isNull()) return "none";
        return c.path("verdict").asString() + " " + c.path("hypothesis").asString() + " (" + c.path("confidence").asDouble() + ")";
    }

    /** The diff for a terminal. */
    public String render() {
        StringBuilder out = new StringBuilder("posmortem explain --diff " + a + " " + b + "\n");
        if (identical()) return out.append("no differences\n").toString();
        for (String c : changes) out.append("  ").append(c).append('\n');
        for (BuildDiff d : builds) {
            out.append("\n== ").append(d.build()).append('\n');
            if (!d.conclusionA().equals(d.conclusionB())) out.append("  conclusion: ").append(d.conclusionA()).append("  ->  ").append(d.conclusionB()).append('\n');
            d.scores().forEach((h, s) -> out.append("  score ").append(h).append(": ").append(fmt(s[0])).append(" -> ").append(fmt(s[1])).append('\n'));
            d.rulesOnlyInA().forEach(r -> out.append("  rule ").append(r).append(" only in ").append(a).append('\n'));
            d.rulesOnlyInB().forEach(r -> out.append("  rule ").append(r).append(" only in ").append(b).append('\n'));
            d.firings().forEach((r, c) -> out.append("  firings of ").append(r).append(": ").append(c[0]).append(" -> ").append(c[1]).append('\n'));
        }
        return out.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "absent" : io.posmortem.model.Numbers.format(v);
    }
}
