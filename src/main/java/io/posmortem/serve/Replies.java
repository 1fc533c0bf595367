package io.posmortem.serve;

import io.posmortem.report.JsonRenderer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** The JSON bodies of the service's answers other than reports: {@code {"status": "error", "code", "message"}} and the like. */
final class Replies {
    private Replies() {}

    /** Request attribute carrying why a request failed, for the log line. */
    static final String CAUSE = "io.posmortem.serve.cause";

    /**
     * Answers the requests the server refuses itself (a malformed request line or header, headers
     * too large) in the same JSON shape as every other error, with the status's reason phrase
     * only: nothing the client sent is echoed.
     */
    static boolean serverError(Request request, Response response, Callback callback) {
        Object code = request.getAttribute(ErrorHandler.ERROR_STATUS);
        int status = code instanceof Integer i ? i : response.getStatus();
        if (status < 400) status = 500;
        if (status >= 500) request.setAttribute(CAUSE, "refused by the HTTP server: " + HttpStatus.getMessage(status));
        byte[] bytes = error(status < 500 ? "bad-request" : "internal", HttpStatus.getMessage(status)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    static String kept(String message, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "kept");
        body.put("message", message);
        body.put("problems", problems);
        return JsonRenderer.prettyValue(body);
    }

    static String error(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("code", code);
        body.put("message", message);
        return JsonRenderer.prettyValue(body);
    }
}
