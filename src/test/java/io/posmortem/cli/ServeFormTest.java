package io.posmortem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code serve}'s browser pages: {@code GET /} (the form) and {@code POST /report} (the HTML report), good and hostile forms. */
class ServeFormTest {

    static ServeCommand serve;
    static HttpClient client;
    static String base;
    static final int MAX_BODY = 64 * 1024;

    @BeforeAll
    static void start() throws Exception {
        serve = new ServeCommand();
        serve.host = "127.0.0.1";
        serve.port = 0;
        serve.maxBody = MAX_BODY;
        serve.timeoutSeconds = 20;
        serve.concurrency = 2;
        serve.sources.rules = Path.of("rules");
        serve.sources.kb = Path.of("knowledge-base");
        serve.quiet = true;
        serve.open();
        base = "http://127.0.0.1:" + serve.port();
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        serve.stop();
    }

    /** A multipart/form-data body as a browser sends it: each value a part, {@code name=filename} keys as file uploads. */
    static HttpRequest.Builder multipart(Map<String, byte[]> fields) {
        String boundary = "----posmortemFormBoundary7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> f : fields.entrySet()) {
            String[] nameAndFile = f.getKey().split("=", 2);
            String disposition = "form-data; name=\"" + nameAndFile[0] + "\"" + (nameAndFile.length > 1 ? "; filename=\"" + nameAndFile[1] + "\"" : "");
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n"
                    + (nameAndFile.length > 1 ? "Content-Type: application/octet-stream\r\n" : "") + "\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(f.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + "/report")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] founding() throws Exception {
        return Files.readAllBytes(Path.of("fixtures/seed/founding-case.yaml"));
    }

    static void assertHtmlPage(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("style-src 'sha256-") && csp.contains("form-action 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("same-origin", r.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(r.body().startsWith("<!DOCTYPE html>"), r.body());
        assertFalse(r.body().contains("<script"), "no scripts");
        assertTrue(r.body().contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    }

    @Test
    void theFormPageNeedsNoScriptAndPostsContentNotPaths() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/")));
        assertEquals(200, r.statusCode());
        assertHtmlPage(r);
        String page = r.body();
        assertTrue(page.contains("<form method=\"post\" action=\"/report\" enctype=\"multipart/form-data\">"), page);
        for (String field : new String[] {"name=\"symptoms\"", "name=\"symptoms_file\"", "name=\"config\"", "name=\"config_file\""}) {
            assertTrue(page.contains(field), field);
        }
        assertTrue(page.contains("65,536 bytes"), "the page states the size limit (--max-body " + MAX_BODY + ")");
        assertEquals(405, send(HttpRequest.newBuilder(URI.create(base + "/")).POST(HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void aPastedSymptomFileGetsTheHtmlReport() throws Exception {
        HttpResponse<String> r = send(multipart(Map.of("symptoms", founding())));
        assertEquals(200, r.statusCode(), r.body());
        assertHtmlPage(r);
        // the founding case's verdicts (fixtures/seed/founding-case.yaml, expect:)
        assertTrue(r.body().contains("<strong>diagnosed:</strong> <code>uniform-rope-interpolation</code>"), r.body());
        assertTrue(r.body().contains("<strong>diagnosed:</strong> <code>alibi-linear-bias</code>"));
        assertTrue(r.body().contains("Input <code>pasted symptom file</code>"));
    }

    @Test
    void anUploadWinsOverPastedTextAndNamesTheInput() throws Exception {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("symptoms", "not: [a symptom file".getBytes(StandardCharsets.UTF_8));
        fields.put("symptoms_file=../../etc/case.yaml", founding());
        HttpResponse<String> r = send(multipart(fields));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Input <code>case.yaml</code>"), "the upload's name, its last segment only");
    }

    @Test
    void aUrlEncodedFormIsAcceptedToo() throws Exception {
        String form = "symptoms=" + URLEncoder.encode(new String(founding(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/report")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("<code>uniform-rope-interpolation</code>"));
    }

    @Test
    void anInvalidSymptomFileIsA422PageWithEveryProblemLocated() throws Exception {
        HttpResponse<String> r = send(multipart(Map.of("symptoms_file=bad.yaml", Files.readAllBytes(Path.of("fixtures/invalid/unknown-field.yaml")))));
        assertEquals(422, r.statusCode(), r.body());
        assertHtmlPage(r);
        assertTrue(r.body().contains("nothing was diagnosed"), r.body());
        assertTrue(r.body().matches("(?s).*<code>bad\\.yaml:\\d+:\\d+ /[^<]*</code>.*"), "each problem with file, line, column and pointer: " + r.body());
        assertTrue(r.body().contains("href=\"/\""), "a way back to the form");
    }

    @Test
    void aConfigIsReadFromItsContent() throws Exception {
        // llama-2-7b.yaml names its config.json by path; here the same config goes as content and the model.config line is removed.
        String symptoms = Files.readString(Path.of("fixtures/configs/real/llama-2-7b.yaml")).replaceAll("(?m)^\\s*config:.*\\n", "");
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("symptoms", symptoms.getBytes(StandardCharsets.UTF_8));
        fields.put("config_file=config.json", Files.readAllBytes(Path.of("fixtures/configs/real/llama-2-7b.config.json")));
        HttpResponse<String> r = send(multipart(fields));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("config.json: "), "assumptions name the config given as content: " + r.body());
    }

    @Test
    void aPathAsConfigIsContentNeverOpened() throws Exception {
        for (String path : new String[] {"/etc/passwd", "fixtures/configs/real/llama-2-7b.config.json", "file:///etc/hostname"}) {
            Map<String, byte[]> fields = new LinkedHashMap<>();
            fields.put("symptoms", founding());
            fields.put("config", path.getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = send(multipart(fields));
            assertEquals(422, r.statusCode(), path + ": " + r.body());
            assertTrue(r.body().contains("config.json:1:1"), "read as JSON text, which it is not: " + r.body());
            assertFalse(r.body().contains("root:"), "nothing of a file is shown");
            assertFalse(r.body().contains("rope_theta"), "the named config was not read");
        }
    }

    @Test
    void aSymptomFileNamingAConfigIsRefused() throws Exception {
        HttpResponse<String> r = send(multipart(Map.of("symptoms", Files.readAllBytes(Path.of("fixtures/configs/real/llama-2-7b.yaml")))));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("input.model-config"), r.body());
    }

    @Test
    void emptyOversizedAndForeignFormsAreRefused() throws Exception {
        HttpResponse<String> empty = send(multipart(Map.of("symptoms", "  \n".getBytes(StandardCharsets.UTF_8))));
        assertEquals(400, empty.statusCode());
        assertHtmlPage(empty);
        assertTrue(empty.body().contains("no symptom file"), empty.body());

        HttpResponse<String> large = send(multipart(Map.of("symptoms", new byte[MAX_BODY])));
        assertEquals(413, large.statusCode());
        assertTrue(large.body().contains("larger than " + MAX_BODY + " bytes"), large.body());

        HttpResponse<String> json = send(HttpRequest.newBuilder(URI.create(base + "/report")).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(founding())));
        assertEquals(415, json.statusCode());

        HttpResponse<String> noBoundary = send(HttpRequest.newBuilder(URI.create(base + "/report")).header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofByteArray(founding())));
        assertEquals(400, noBoundary.statusCode());

        HttpResponse<String> crossSite = send(multipart(Map.of("symptoms", founding())).header("Sec-Fetch-Site", "cross-site"));
        assertEquals(403, crossSite.statusCode());
        HttpResponse<String> foreign = send(multipart(Map.of("symptoms", founding())).header("Origin", "http://evil.example"));
        assertEquals(403, foreign.statusCode());
        assertEquals(200, send(multipart(Map.of("symptoms", founding())).header("Sec-Fetch-Site", "same-origin")
                .header("Origin", base)).statusCode(), "the page's own post");
    }
}
