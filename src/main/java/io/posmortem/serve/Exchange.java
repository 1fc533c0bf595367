package io.posmortem.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One request: answered once (by its handler, its triage worker or a timer, whichever comes first), then logged. */
final class Exchange {
    final Request request;
    final Response response;
    final Callback callback;
    final Connection connection;
    private final ConnectionGuard guard;
    final long started = System.nanoTime();
    final AtomicBoolean answered = new AtomicBoolean();
    private volatile boolean bodyRead;

    Exchange(Request request, Response response, Callback callback, ConnectionGuard guard) {
        this.guard = guard;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.connection = request.getConnectionMetaData().getConnection();
    }

    boolean answered() {
        return answered.get();
    }

    /** Records that the request's body was read, or drained, to its end. */
    void bodyRead() {
        bodyRead = true;
    }

    /**
     * Whether the request declared a body (a length, or a transfer coding) that was not read to its
     * end: the server cannot keep such a connection (the rest of the body would be read as the next
     * request), so the answer must say it closes, or a client reusing the connection waits for an
     * answer that never comes.
     */
    private boolean bodyLeftUnread() {
        if (bodyRead) return false;
        long length = request.getLength();
        if (length > 0) return Request.getContentBytesRead(request) < length;
        return request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /**
     * Sends {@code body} with {@code status} unless this exchange was already answered; {@code cause}
     * is logged for 5xx. The answer says the connection closes when {@code close} is asked for or the
     * request's body was left unread.
     */
    boolean answer(int status, String body, String cause, boolean close, Map<String, String> headers) {
        if (!answered.compareAndSet(false, true)) return false;
        close = close || bodyLeftUnread();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            headers.forEach((k, v) -> response.getHeaders().put(k, v));
            if (close) response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), Callback.from(() -> {
                finish(status, bytes.length, cause);
                callback.succeeded();
            }, failure -> {
                finish(status, bytes.length, cause == null ? "response not delivered: " + failure : cause);
                callback.failed(failure);
            }));
        } catch (RuntimeException e) {
            finish(status, 0, "response not delivered: " + e);
            callback.failed(e);
        }
        return true;
    }

    boolean answer(int status, String body, String cause) {
        return answer(status, body, cause, false, Map.of());
    }

    private void finish(int status, int bytes, String cause) {
        if (cause != null) request.setAttribute(Replies.CAUSE, cause);
        guard.requestDone(connection);
    }
}
