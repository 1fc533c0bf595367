package io.posmortem.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.MultiMap;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * What {@code POST /report} was sent: the symptom file's bytes and, when given, the model
 * config.json's bytes. Both are content: a field that looks like a path is read as text like any
 * other (and then fails as YAML or JSON), never opened. An uploaded file wins over pasted text;
 * empty fields count as not given.
 *
 * @param config null when no config was given
 */
record ReportForm(byte[] symptoms, String symptomsName, byte[] config) {

    /** A form that cannot be used; {@code message} says why, for the page. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /** Media types {@code POST /report} accepts: what an HTML form sends. */
    static final String MULTIPART = "multipart/form-data";
    static final String URLENCODED = "application/x-www-form-urlencoded";

    /** Parts a form may have: the four fields, and a little room for a browser's extras. */
    static final int MAX_PARTS = 8;

    static boolean formType(String contentType) {
        String type = mediaType(contentType);
        return type.equals(MULTIPART) || type.equals(URLENCODED);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) return "";
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a body already read in full (at most {@code maxBody} bytes) with Jetty's multipart
     * parser, held in memory (no part goes to disk), or as a URL-encoded form.
     */
    static ReportForm parse(String contentType, byte[] body, int maxBody) throws Unusable {
        if (mediaType(contentType).equals(URLENCODED)) {
            MultiMap<String> fields = new MultiMap<>();
            try {
                UrlEncoded.decodeUtf8To(new String(body, StandardCharsets.ISO_8859_1), fields);
            } catch (RuntimeException e) {
                throw new Unusable("the form could not be decoded (URL-encoded UTF-8 expected)");
            }
            return of(bytes(fields.getValue(FormPage.SYMPTOMS)), null, null, bytes(fields.getValue(FormPage.CONFIG)), null);
        }
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) throw new Unusable("the multipart form has no boundary in its Content-Type");
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setMaxParts(MAX_PARTS);
        parser.setMaxLength(maxBody);
        parser.setMaxFileSize(maxBody);
        parser.setMaxMemoryFileSize(maxBody + 1L);
        parser.setUseFilesForPartsWithoutFileName(false);
        try (MultiPartFormData.Parts parts = parser.parse(Content.Source.from(ByteBuffer.wrap(body))).get(5, TimeUnit.SECONDS)) {
            MultiPart.Part upload = parts.getFirst(FormPage.SYMPTOMS_FILE);
            MultiPart.Part configUpload = parts.getFirst(FormPage.CONFIG_FILE);
            return of(content(parts.getFirst(FormPage.SYMPTOMS)), content(upload), upload == null ? null : upload.getFileName(),
                    content(parts.getFirst(FormPage.CONFIG)), content(configUpload));
        } catch (ExecutionException | TimeoutException e) {
            throw new Unusable("the multipart form could not be parsed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unusable("the multipart form could not be parsed");
        }
    }

    private static ReportForm of(byte[] pasted, byte[] uploaded, String uploadName, byte[] config, byte[] configUploaded) throws Unusable {
        boolean upload = uploaded != null && uploaded.length > 0;
        byte[] symptoms = upload ? uploaded : pasted;
        if (symptoms == null || isBlank(symptoms)) throw new Unusable("the form has no symptom file: paste one or choose a file");
        byte[] c = configUploaded != null && configUploaded.length > 0 ? configUploaded : config;
        return new ReportForm(symptoms, upload ? displayName(uploadName) : "pasted symptom file", c == null || isBlank(c) ? null : c);
    }

    /**
     * An upload's name as a label only (it names the input in the report and decides YAML or
     * JSON by its extension): its last path segment, printable ASCII, at most 100 characters.
     */
    static String displayName(String fileName) {
        if (fileName == null || fileName.isBlank()) return "uploaded symptom file";
        String last = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        String clean = last.replaceAll("[^A-Za-z0-9._ -]", "_");
        if (clean.length() > 100) clean = clean.substring(clean.length() - 100);
        return clean.isBlank() ? "uploaded symptom file" : clean;
    }

    private static byte[] content(MultiPart.Part part) {
        if (part == null) return null;
        // ISO-8859-1 maps every byte to one char and back: the part's bytes, unchanged.
        return part.getContentAsString(StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) if (x != ' ' && x != '\n' && x != '\r' && x != '\t') return false;
        return true;
    }
}
