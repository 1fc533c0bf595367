package io.posmortem.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What changed between two trace files of several inputs (JSON Lines, one trace per triaged input,
 * as a batch {@code triage --trace FILE} writes them): the records are matched by their
 * {@code input}, so inputs only in B are {@code added}, inputs only in A {@code removed}, and each
 * input in both whose traces differ is one {@link TraceDiff} in {@code changed}. An input named
 * twice in one file is matched by its occurrence ({@code name#2} for the second).
 *
 * @param compared inputs present in both files
 */
public record TraceSetDiff(String a, String b, int compared, List<String> added, List<String> removed, List<TraceDiff> changed) {

    /** One trace record of a file: its input (made unique) and its line in the file. */
    public record Record(String input, int line, JsonNode trace) {}

    public boolean identical() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    public static TraceSetDiff of(String nameA, List<Record> a, String nameB, List<Record> b) {
        Map<String, Record> byInputA = byInput(a);
        Map<String, Record> byInputB = byInput(b);
        List<String> removed = byInputA.keySet().stream().filter(i -> !byInputB.containsKey(i)).toList();
        List<String> added = byInputB.keySet().stream().filter(i -> !byInputA.containsKey(i)).toList();
        List<TraceDiff> changed = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, Record> e : byInputA.entrySet()) {
            Record y = byInputB.get(e.getKey());
            if (y == null) continue;
            compared++;
            Record x = e.getValue();
            TraceDiff d = TraceDiff.of(nameA + ":" + x.line(), x.trace(), nameB + ":" + y.line(), y.trace());
            if (!d.identical()) changed.add(d);
        }
        return new TraceSetDiff(nameA, nameB, compared, added, removed, List.copyOf(changed));
    }

    /** Records keyed by input in file order; the n-th repeat of a name gets {@code #n}. */
    private static Map<String, Record> byInput(List<Record> records) {
        Map<String, Record> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Record r : records) {
            int n = seen.merge(r.input(), 1, Integer::sum);
            out.put(n == 1 ? r.input() : r.input() + "#" + n, r);
        }
        return out;
    }

    /** The diff for a terminal: a count line, the added and removed inputs, then each changed input's diff. */
    public String render() {
        StringBuilder out = new StringBuilder("posmortem explain --diff " + a + " " + b + "\n");
        if (identical()) return out.append("no differences (").append(compared).append(" input(s) in both)\n").toString();
        out.append(compared).append(" input(s) in both, ").append(changed.size()).append(" changed; ")
                .append(added.size()).append(" added, ").append(removed.size()).append(" removed\n");
        for (String i : added) out.append("  added: ").append(i).append(" (only in ").append(b).append(")\n");
        for (String i : removed) out.append("  removed: ").append(i).append(" (only in ").append(a).append(")\n");
        for (TraceDiff d : changed) out.append('\n').append(d.render());
        return out.toString();
    }
}
