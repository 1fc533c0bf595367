package io.posmortem.engine;

import io.posmortem.model.Sha256;
import io.posmortem.model.AtomicFiles;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.SourceText;
import io.posmortem.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * The {@code --skip-existing} bookkeeping: beside each report, a hidden marker file recording the
 * run key and the SHA-256 of the input it was made from, so that a resumed run keeps exactly the
 * reports it would write again. Format: {@code posmortem-report 1}, {@code run KEY},
 * {@code input SHA256}, {@code status STATUS}, one per line.
 */
final class DoneMarkers {
    private DoneMarkers() {}

    /**
     * What a report depends on besides its input: posmortem's version, the rules' and knowledge
     * base's fingerprints, and every option that changes a report (the model config by its bytes).
     */
    static String runKey(Triage triage, BatchOptions options) {
        StringBuilder key = new StringBuilder();
        key.append(ProductVersion.VALUE).append('\n').append(triage.rules().fingerprint()).append('\n').append(triage.knowledge().fingerprint())
                .append('\n').append(options.format()).append('\n').append(options.withTrace()).append('\n').append(options.configAnywhere())
                .append('\n').append(options.whatIf()).append('\n').append(options.detail()).append('\n').append(options.modelConfig()).append('\n')
                .append(options.modelConfig() == null ? "" : String.valueOf(sha256Of(options.modelConfig())));
        return Sha256.hex(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The hidden file beside a report that records what it was made from. */
    static Path marker(Path report) {
        return report.resolveSibling("." + report.getFileName() + ".posmortem");
    }

    /** The status recorded for {@code report} if it was made from these input bytes with this run key, else null. */
    static String doneStatus(Path report, String runKey, String inputSha256) {
        if (report == null || !Files.isRegularFile(report)) return null;
        Path marker = marker(report);
        try {
            if (!Files.isRegularFile(marker) || Files.size(marker) > 4096) return null;
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            if (lines.size() != 4 || !lines.get(0).equals("posmortem-report 1") || !lines.get(1).equals("run " + runKey)
                    || !lines.get(2).equals("input " + inputSha256)) {
                return null;
            }
            String status = lines.get(3).startsWith("status ") ? lines.get(3).substring(7) : "";
            return status.equals(Report.DIAGNOSED) || status.equals(Report.INVALID) ? status : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Records what a report just written was made from; a report written without
     * {@code skipExisting} loses its record, so it is never mistaken for one made with other
     * options. Failed reports are not recorded: a resumed run tries them again.
     */
    static void markDone(Path report, boolean skipExisting, String runKey, String inputSha256, String status) throws IOException {
        Path marker = marker(report);
        if (!skipExisting || inputSha256 == null || Report.FAILED.equals(status)) {
            Files.deleteIfExists(marker);
            return;
        }
        AtomicFiles.write(marker, "posmortem-report 1\nrun " + runKey + "\ninput " + inputSha256 + "\nstatus " + status + "\n");
    }

    /** SHA-256 of a regular file's bytes, or null if it cannot be read as one. */
    static String sha256Of(Path file) {
        try {
            SourceText.checkRegular(file);
            try (InputStream in = Files.newInputStream(file)) {
                MessageDigest digest = Sha256.digest();
                byte[] buffer = new byte[65536];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0 && total <= SourceText.MAX_BYTES; total += n) digest.update(buffer, 0, n);
                return Sha256.hex(digest);
            }
        } catch (InvalidInputException | IOException e) {
            return null;
        }
    }
}
