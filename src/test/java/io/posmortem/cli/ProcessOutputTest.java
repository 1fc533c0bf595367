package io.posmortem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ProcessOutput} writes the bytes the plain auto-flushing {@link PrintWriter} writes. */
class ProcessOutputTest {

    /**
     * Seeded random sequences of print, println and write calls, short and long (past
     * {@link ProcessOutput#DIRECT}), with ASCII, Latin-1, other BMP text, surrogate pairs and a lone
     * surrogate, in three charsets: the same bytes as the plain writer over the same charset.
     */
    @Test
    void writesTheBytesThePlainWriterWrites() {
        String[] alphabet = {"a", "{\"x\":1}", "\n", "é", "–", "😀", "\ud800", "\t"};
        for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1)) {
            for (long seed = 1; seed <= 40; seed++) {
                Random random = new Random(seed);
                ByteArrayOutputStream plainBytes = new ByteArrayOutputStream();
                ByteArrayOutputStream directBytes = new ByteArrayOutputStream();
                PrintWriter plain = new PrintWriter(plainBytes, true, charset);
                PrintWriter direct = new ProcessOutput(directBytes, charset);
                for (int call = 0; call < 12; call++) {
                    int length = random.nextBoolean() ? random.nextInt(50) : ProcessOutput.DIRECT - 5 + random.nextInt(3 * ProcessOutput.DIRECT);
                    boolean ascii = random.nextInt(3) > 0;
                    StringBuilder text = new StringBuilder();
                    while (text.length() < length) text.append(alphabet[random.nextInt(ascii ? 3 : alphabet.length)]);
                    String s = text.toString();
                    switch (random.nextInt(4)) {
                        case 0 -> { plain.print(s); direct.print(s); }
                        case 1 -> { plain.println(s); direct.println(s); }
                        case 2 -> {
                            int off = random.nextInt(s.length() / 2 + 1);
                            plain.write(s, off, s.length() - off);
                            direct.write(s, off, s.length() - off);
                        }
                        default -> { plain.print(s.length()); direct.print(s.length()); }
                    }
                }
                plain.flush();
                direct.flush();
                assertArrayEquals(plainBytes.toByteArray(), directBytes.toByteArray(), charset + ", seed " + seed);
            }
        }
    }

    /** A stream that fails sets the error flag for long text as for short. */
    @Test
    void aFailedWriteSetsTheErrorFlag() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        PrintWriter out = new ProcessOutput(broken, StandardCharsets.UTF_8);
        out.print("x".repeat(ProcessOutput.DIRECT));
        assertTrue(out.checkError());
        PrintWriter quiet = new ProcessOutput(new ByteArrayOutputStream(), StandardCharsets.UTF_8);
        quiet.print("x".repeat(ProcessOutput.DIRECT));
        assertFalse(quiet.checkError());
    }
}
