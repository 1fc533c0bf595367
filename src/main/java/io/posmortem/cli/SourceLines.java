package io.posmortem.cli;

import io.posmortem.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The source line a problem points at, with a caret under its column. */
final class SourceLines {
    private SourceLines() {}

    static List<String> caret(Problem p) {
        if (p.line() <= 0 || p.source() == null) return List.of();
        try {
            List<String> lines = Files.readAllLines(Path.of(p.source()), StandardCharsets.UTF_8);
            if (p.line() > lines.size()) return List.of();
            String line = lines.get(p.line() - 1).replace('\t', ' ');
            String number = p.line() + " | ";
            if (p.column() <= 0) return List.of(number + line);
            return List.of(number + line, " ".repeat(number.length() + p.column() - 1) + "^");
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
