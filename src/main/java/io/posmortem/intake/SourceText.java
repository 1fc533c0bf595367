package io.posmortem.intake;

import io.posmortem.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The text of an input file, read with limits: only a regular file (see {@link #checkRegular}),
 * at most {@link #MAX_BYTES}, no NUL bytes (binary), strict UTF-8 (a leading byte-order mark is
 * dropped).
 *
 * @param source the path as given
 * @param sha256 hex SHA-256 of the raw bytes
 */
public record SourceText(String source, String text, String sha256) {

    /** Largest input accepted, in bytes. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    public static SourceText read(Path path) throws InvalidInputException {
        return of(path.toString(), readBytes(path));
    }

    /**
     * The raw bytes of a regular file (see {@link #checkRegular}), at most {@link #MAX_BYTES} + 1 of
     * them (one more than allowed, so {@link #of} can refuse the file as too large).
     */
    public static byte[] readBytes(Path path) throws InvalidInputException {
        String source = path.toString();
        checkRegular(path);
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw fail("input.not-found", source, "file not found", null, "check the path");
        } catch (IOException e) {
            throw fail("input.unreadable", source, "cannot read file: " + e.getMessage(), null, null);
        }
    }

    /**
     * Refuses, before anything opens it, a path that is not a regular file: a directory, a FIFO
     * (opening one blocks until a writer comes), a device, a socket, or anything under
     * {@code /dev} or {@code /proc} ({@code /dev/stdin} would read the process's own input). A
     * symbolic link is followed: it is judged by what it points to.
     */
    public static void checkRegular(Path path) throws InvalidInputException {
        String source = path.toString();
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.startsWith("/dev") || absolute.startsWith("/proc")) {
            throw fail("input.not-regular", source, "a path under /" + absolute.getName(0) + " is a device or process file, not a file",
                    "a regular file", "save the input to a file and give its path");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw fail("input.not-found", source, "file not found", null, "check the path");
        } catch (IOException e) {
            throw fail("input.unreadable", source, "cannot read file: " + e.getMessage(), null, null);
        }
        if (attributes.isRegularFile()) return;
        String kind = attributes.isDirectory() ? "a directory" : attributes.isSymbolicLink() ? "a broken symbolic link"
                : "not a regular file (a FIFO, device or socket)";
        throw fail("input.not-regular", source, "the path is " + kind, "a regular file",
                attributes.isDirectory() ? "give a file inside it" : "save the input to a file and give its path");
    }

    /** Checks and decodes bytes that did not come from a file (tests, services). */
    public static SourceText of(String source, byte[] bytes) throws InvalidInputException {
        if (bytes.length > MAX_BYTES) {
            throw fail("input.too-large", source, "file is larger than " + MAX_BYTES + " bytes",
                    "a symptom file of at most 4 MiB", "split the builds across several files");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw fail("input.binary", source, "file contains a NUL byte at offset " + i + " (binary data)",
                        "a UTF-8 text file (YAML or JSON)", null);
            }
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            throw fail("input.encoding", source, "file is not valid UTF-8 (invalid byte at offset " + in.position() + ")",
                    "UTF-8 text", "re-save the file as UTF-8");
        }
        String text = out.flip().toString();
        if (text.isBlank()) {
            throw fail("input.empty", source, "file is empty", "a symptom file", "docs/symptom-file.md shows one");
        }
        return new SourceText(source, text, io.posmortem.model.Sha256.hex(bytes));
    }

    private static InvalidInputException fail(String code, String source, String message, String expected, String hint) {
        return new InvalidInputException(List.of(new Problem(code, source, "", 0, 0, message, expected, hint)));
    }
}
