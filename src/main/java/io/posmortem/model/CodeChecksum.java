package io.posmortem.model;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A checksum of the code that runs, for the keys of the compiled-rule cache and the knowledge-base
 * snapshots (what either holds is only valid for the code that wrote it). For a jar it is taken over
 * the jar's central directory, which holds every entry's name, size and CRC-32 of its bytes (any
 * change to a class changes it) and is about a megabyte where the jar is tens of megabytes; a jar
 * whose directory cannot be located (ZIP64, a comment hiding the end record) is read whole. For a
 * class directory (a build tree) it is taken over every {@code .class} file's relative path and
 * bytes, in path order. Zip layout: PKWARE APPNOTE.TXT 4.3.16 (end of central directory record:
 * signature 0x06054b50; size of the directory at offset 12, its offset at offset 16, both 4-byte
 * little-endian).
 *
 * <p>The checksum is CRC-32C and CRC-32 of the same bytes with their count (hex), not a
 * cryptographic digest: it tells builds apart, nobody forges it, and a cold JVM computes it in ~2
 * ms where SHA-256 of the directory cost ~40 ms of every cold start (both CRCs are intrinsics even
 * in the interpreter). A collision (64 bits and the length) would reuse a stale cached pack, which
 * is caught when it does not link, or a stale knowledge-base snapshot.
 */
public final class CodeChecksum {
    private CodeChecksum() {}

    private static volatile String running;

    /** The checksum of the jar or directory posmortem's classes were loaded from ("unknown" when neither). */
    public static String ofRunningCode() {
        String sum = running;
        if (sum == null) {
            try {
                var source = CodeChecksum.class.getProtectionDomain().getCodeSource();
                sum = source == null ? "unknown" : of(Path.of(source.getLocation().toURI()));
            } catch (java.net.URISyntaxException | RuntimeException e) {
                sum = "unknown";
            }
            running = sum;
        }
        return sum;
    }

    /** The checksum of a jar file or a class directory. */
    public static String of(Path code) {
        try {
            return Files.isDirectory(code) ? ofClassDirectory(code) : ofJar(code);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ofClassDirectory(Path dir) throws IOException {
        Sum sum = new Sum();
        List<Path> classes;
        try (Stream<Path> walk = Files.walk(dir)) {
            classes = walk.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path c : classes) {
            sum.update(dir.relativize(c).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sum.update(new byte[] {0});
            sum.update(Files.readAllBytes(c));
        }
        return sum.hex();
    }

    private static final int END_RECORD = 0x06054b50;
    private static final int END_RECORD_SIZE = 22;

    private static String ofJar(Path jar) throws IOException {
        Sum sum = new Sum();
        try (RandomAccessFile file = new RandomAccessFile(jar.toFile(), "r")) {
            long length = file.length();
            int tail = (int) Math.min(length, END_RECORD_SIZE + 0xFFFF);
            byte[] end = new byte[tail];
            file.seek(length - tail);
            file.readFully(end);
            ByteBuffer buf = ByteBuffer.wrap(end).order(ByteOrder.LITTLE_ENDIAN);
            for (int at = tail - END_RECORD_SIZE; at >= 0; at--) {
                if (buf.getInt(at) != END_RECORD) continue;
                long size = Integer.toUnsignedLong(buf.getInt(at + 12));
                long offset = Integer.toUnsignedLong(buf.getInt(at + 16));
                if (size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL || offset + size > length - tail + at) break;
                byte[] directory = new byte[(int) size];
                file.seek(offset);
                file.readFully(directory);
                sum.update(directory);
                return sum.hex();
            }
        }
        sum.update(Files.readAllBytes(jar));
        return sum.hex();
    }

    /** CRC-32C, CRC-32 and count of the bytes given so far. */
    private static final class Sum {
        private final CRC32C crc32c = new CRC32C();
        private final CRC32 crc32 = new CRC32();
        private long count;

        void update(byte[] bytes) {
            crc32c.update(bytes);
            crc32.update(bytes);
            count += bytes.length;
        }

        String hex() {
            return Long.toHexString(1L << 32 | crc32c.getValue()).substring(1) + Long.toHexString(1L << 32 | crc32.getValue()).substring(1)
                    + "-" + Long.toHexString(count);
        }
    }
}
