package io.posmortem.model;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" suggestions: the closest known name by edit distance. */
public final class Spelling {
    private Spelling() {}

    /**
     * The candidate closest to {@code input} by optimal-string-alignment distance (Levenshtein plus
     * adjacent transpositions, ignoring case), if it is within {@code max(2, length/3)} edits; ties
     * go to the alphabetically first candidate so that suggestions are deterministic. A name that
     * differs from a candidate only in case ("RoPE") gets that candidate; the candidate itself gets
     * no suggestion.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        if (input == null || input.isEmpty()) return Optional.empty();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = input.toLowerCase(java.util.Locale.ROOT);
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, input.length() / 3);
        return best != null && bestDistance <= allowed && !best.equals(input) ? Optional.of(best) : Optional.empty();
    }

    /** Optimal string alignment distance between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** "did you mean 'x'?" for the closest candidate, or "" when none is close. */
    public static String suggest(String input, Collection<String> candidates) {
        return closest(input, candidates).map(s -> "did you mean '" + s + "'?").orElse("");
    }
}
