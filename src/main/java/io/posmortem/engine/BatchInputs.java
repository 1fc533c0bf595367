package io.posmortem.engine;

import io.posmortem.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Where the inputs of a batch come from: paths given, lists of paths, directories of symptom files. */
public final class BatchInputs {
    private BatchInputs() {}

    /** The longest path accepted from a list of paths, in characters. */
    public static final int MAX_LISTED_PATH = 4096;

    /**
     * The paths listed in {@code list} (UTF-8), one per line; blank lines and {@code #} comments
     * skipped. A line that cannot be a path (a NUL or another control character, longer than
     * {@link #MAX_LISTED_PATH}, not a valid path here) is that line's own invalid input, named
     * {@code <stdin>:N} ({@code input.list-entry}).
     */
    public static List<BatchInput> listed(byte[] list) {
        List<BatchInput> listed = new ArrayList<>();
        String[] lines = new String(list, StandardCharsets.UTF_8).split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            String path = line.strip();
            if (path.isEmpty() || path.startsWith("#")) continue;
            String name = "<stdin>:" + (n + 1);
            String wrong = null;
            if (path.length() > MAX_LISTED_PATH) wrong = "the line is " + path.length() + " characters long";
            else if (path.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) wrong = "the line holds a control character";
            Path parsed = null;
            if (wrong == null) {
                try {
                    parsed = Path.of(path);
                } catch (InvalidPathException e) {
                    wrong = "the line is not a path here (" + e.getReason() + ")";
                }
            }
            if (wrong != null) {
                listed.add(new BatchInput(name, null, new Problem("input.list-entry", name, "", n + 1, 0, wrong,
                        "one path per line, at most " + MAX_LISTED_PATH + " characters, no control characters", "fix that line of the list")));
            } else {
                listed.add(new BatchInput(path, parsed, null));
            }
        }
        return listed;
    }

    /**
     * Inputs as given, directories expanded to their *.yaml, *.yml, *.json entries in path order.
     * Missing paths and entries that are not regular files are kept (they report themselves); a
     * directory or entry that cannot be read becomes its own invalid input ({@code input.unreadable})
     * and the walk goes on.
     */
    public static List<BatchInput> expand(List<BatchInput> inputs) {
        List<BatchInput> files = new ArrayList<>();
        for (BatchInput input : inputs) {
            if (input.path() == null || !Files.isDirectory(input.path())) {
                files.add(input);
                continue;
            }
            List<BatchInput> found = new ArrayList<>();
            try {
                Files.walkFileTree(input.path(), new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (isSymptomFile(file) && !Files.isDirectory(file)) found.add(new BatchInput(file.toString(), file, null));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        found.add(new BatchInput(file.toString(), file, new Problem("input.unreadable", file.toString(), "", 0, 0,
                                "cannot read this " + (Files.isDirectory(file) ? "directory" : "entry") + ": " + e.getClass().getSimpleName(),
                                "a readable directory of symptom files", "check its permissions")));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                found.add(new BatchInput(input.name(), input.path(), new Problem("input.unreadable", input.name(), "", 0, 0,
                        "cannot walk the directory: " + e.getClass().getSimpleName(), null, null)));
            }
            found.sort(Comparator.comparing(BatchInput::path));
            files.addAll(found);
        }
        return files;
    }

    /** Whether a file name ends in .yaml, .yml or .json (any case). */
    public static boolean isSymptomFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }
}
