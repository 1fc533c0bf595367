package io.posmortem.report;

import java.util.List;

/**
 * How many lines an edit added and removed between two texts: the lines outside their longest
 * common subsequence. The common head and tail are skipped first, so a local change to a long
 * golden file costs little.
 */
public record LineDiff(int added, int removed) {

    public static LineDiff of(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) start++;
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        int n = endA - start;
        int m = endB - start;
        int[] prev = new int[m + 1];
        int[] row = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                row[j] = a.get(start + i - 1).equals(b.get(start + j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
            }
            int[] t = prev;
            prev = row;
            row = t;
        }
        int common = prev[m];
        return new LineDiff(m - common, n - common);
    }

    public boolean none() {
        return added == 0 && removed == 0;
    }

    @Override
    public String toString() {
        return "+" + added + " -" + removed + " lines";
    }
}
