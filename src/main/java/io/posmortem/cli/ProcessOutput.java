package io.posmortem.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * A process's standard output or error as a {@link PrintWriter} (auto-flushing, in the platform's
 * charset, as {@code new PrintWriter(stream, true)}) that hands long text to the stream as bytes.
 * A report line of a batch is tens of kilobytes: through the writer's buffers it is copied into
 * chars and encoded char by char, while {@link String#getBytes(Charset)} copies ASCII text held
 * as Latin-1 (which a JSON report is) in one step. Text already buffered is flushed first, so the
 * bytes are the same, in the same order, as the plain writer's; a failed write sets
 * {@link #checkError()} as the writer's would. Text that begins or ends with half of a surrogate
 * pair, or follows text that ended with one, goes through the writer, whose encoder joins the
 * halves across writes.
 */
final class ProcessOutput extends PrintWriter {
    /** Text at least this long is encoded at once and written to the stream. */
    static final int DIRECT = 8192;

    private final OutputStream stream;
    private final Charset charset;
    /** The last char given to the writer was a surrogate (its encoder may hold it for the next write). */
    private boolean surrogateLast;

    ProcessOutput(OutputStream stream, Charset charset) {
        super(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
        this.stream = stream;
        this.charset = charset;
    }

    /** The process's standard output. */
    static ProcessOutput stdout() {
        return new ProcessOutput(System.out, Charset.defaultCharset());
    }

    @Override
    public void write(int c) {
        synchronized (lock) {
            super.write(c);
            surrogateLast = Character.isSurrogate((char) c);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) {
        synchronized (lock) {
            super.write(buf, off, len);
            if (len > 0) surrogateLast = Character.isSurrogate(buf[off + len - 1]);
        }
    }

    @Override
    public void write(String s, int off, int len) {
        synchronized (lock) {
            if (len < DIRECT || surrogateLast || Character.isSurrogate(s.charAt(off)) || Character.isSurrogate(s.charAt(off + len - 1))) {
                super.write(s, off, len);
                if (len > 0) surrogateLast = Character.isSurrogate(s.charAt(off + len - 1));
                return;
            }
            super.flush();
            try {
                stream.write((off == 0 && len == s.length() ? s : s.substring(off, off + len)).getBytes(charset));
            } catch (IOException e) {
                setError();
            }
        }
    }
}
