package io.posmortem.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that a reader sees whole or not at all. */
final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code content} to a temporary file beside {@code target} and moves it into place; the temporary file never stays behind. */
    static void write(Path target, String content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".posmortem-", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            publish(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Moves a finished temporary file into place, readable like an ordinary file. */
    static void publish(Path tmp, Path target) throws IOException {
        try {
            // Temporary files are created owner-only; a report is an ordinary file.
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
