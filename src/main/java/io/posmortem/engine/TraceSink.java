package io.posmortem.engine;

import io.posmortem.model.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A batch's trace file, written as each input completes: one trace per input into a temporary
 * file beside the target, moved into place when the batch is done, so memory stays bounded and a
 * reader never sees half a file. A write error is reported once and the rest of the batch goes on
 * without a trace.
 */
final class TraceSink {
    private final Path target;
    private final Consumer<String> warnings;
    private Path tmp;
    private Writer writer;
    private boolean broken;

    private TraceSink(Path target, Consumer<String> warnings) {
        this.target = target;
        this.warnings = warnings;
    }

    static TraceSink open(Path target, Consumer<String> warnings) {
        TraceSink sink = new TraceSink(target, warnings);
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            sink.tmp = Files.createTempFile(dir, ".posmortem-", ".tmp");
            sink.writer = Files.newBufferedWriter(sink.tmp, StandardCharsets.UTF_8);
        } catch (IOException e) {
            sink.fail(e);
        }
        return sink;
    }

    boolean broken() {
        return broken;
    }

    void write(String trace) {
        if (broken) return;
        try {
            writer.write(trace);
        } catch (IOException e) {
            fail(e);
        }
    }

    void commit() {
        if (broken) return;
        try {
            writer.close();
            writer = null;
            AtomicFiles.publish(tmp, target);
            tmp = null;
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Removes the temporary file if the trace was not committed. */
    void discard() {
        try {
            if (writer != null) writer.close();
        } catch (IOException e) {
            // already reported or about to be removed
        }
        writer = null;
        try {
            if (tmp != null) Files.deleteIfExists(tmp);
        } catch (IOException e) {
            warnings.accept(tmp + ": cannot remove the temporary trace: " + e.getMessage());
        }
        tmp = null;
    }

    private void fail(IOException e) {
        warnings.accept(target + ": cannot write trace: " + e);
        broken = true;
        discard();
    }
}
