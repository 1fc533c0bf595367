package io.posmortem.intake.results;

import java.util.ArrayList;
import java.util.List;

/** One CSV line split into cells (RFC 4180 quoting within a line: {@code "a,b"} and {@code ""} for a quote). */
final class Csv {
    private Csv() {}

    /** The cells of {@code line}, each stripped; null when a quote is left open. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) return null;
        out.add(cell.toString().strip());
        return out;
    }
}
