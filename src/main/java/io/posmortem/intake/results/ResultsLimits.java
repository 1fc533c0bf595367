package io.posmortem.intake.results;

/**
 * Bounds on a results file, which may come from anyone: checked while reading, before anything is
 * kept, so a huge or endless file costs bounded memory and time ({@code results.too-large}).
 *
 * @param maxDocumentBytes a JSON document (lm-eval results, a needle grid as one JSON value)
 * @param maxStreamBytes   a line-oriented file (JSON Lines, CSV), read as a stream
 * @param maxRows          records or rows in one file
 * @param maxLineChars     characters in one line (an lm-eval sample record holds its whole prompt)
 */
public record ResultsLimits(int maxDocumentBytes, long maxStreamBytes, int maxRows, int maxLineChars) {

    /**
     * 4 MiB per JSON document (as for symptom files: an lm-eval results file with every task's
     * config is well under 1 MiB); 512 MiB and 1,000,000 rows per line file, 16 MiB per line (a
     * 128k-token prompt is about 0.5 MB of text).
     */
    public static final ResultsLimits DEFAULT = new ResultsLimits(4 * 1024 * 1024, 512L * 1024 * 1024, 1_000_000, 16 * 1024 * 1024);
}
