package io.posmortem.engine;

import io.posmortem.model.Problem;
import java.nio.file.Path;

/**
 * One input of a batch: {@code name} as reported (the path as given, or {@code <stdin>:N} for a
 * line of a list that is not a path), the {@code path} to read (null when there is none), or the
 * {@code problem} that makes it invalid before it is read (null when there is none).
 */
public record BatchInput(String name, Path path, Problem problem) {

    /** A path as given on the command line. */
    public static BatchInput of(Path path) {
        return new BatchInput(path.toString(), path, null);
    }
}
