package io.posmortem.serve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.Connection;

/**
 * Limits what one client can hold of {@code serve}: at most {@code perClient} open connections
 * per remote address (more are closed as they open), and a read deadline: a connection that is
 * not inside a request (still sending its request line and headers, or idle between requests)
 * for longer than {@code headerNanos} is closed, however slowly it trickles bytes. The body has
 * its own deadline in the service. Connections hold no thread while they are read (the server
 * parses without blocking), so slow clients cost a socket each, bounded here.
 */
final class ConnectionGuard implements Connection.Listener {

    /** What the guard knows of one open connection. */
    private static final class State {
        final InetAddress client;
        volatile boolean inRequest;
        volatile long idleSince;
        volatile boolean refused;

        State(InetAddress client, long now) {
            this.client = client;
            this.idleSince = now;
        }
    }

    private final int perClient;
    private final long headerNanos;
    private final Executor closer;
    private final Map<Connection, State> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionGuard(int perClient, long headerNanos, Executor closer) {
        this.perClient = perClient;
        this.headerNanos = headerNanos;
        this.closer = closer;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = address(connection.getEndPoint().getRemoteSocketAddress());
        State state = new State(client, System.nanoTime());
        open.put(connection, state);
        int count = perAddress.merge(client, 1, Integer::sum);
        if (count > perClient) {
            state.refused = true;
            closer.execute(() -> connection.getEndPoint().close());
        }
    }

    @Override
    public void onClosed(Connection connection) {
        State state = open.remove(connection);
        if (state != null) perAddress.computeIfPresent(state.client, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Whether the connection is over its client's limit (its requests must not be served). */
    boolean refused(Connection connection) {
        State s = open.get(connection);
        return s != null && s.refused;
    }

    /** The connection's request headers are in; the header deadline stops until {@link #requestDone}. */
    void requestStarted(Connection connection) {
        State s = open.get(connection);
        if (s != null) s.inRequest = true;
    }

    /** The response is sent; the connection is idle (or reading its next request's headers) from now. */
    void requestDone(Connection connection) {
        State s = open.get(connection);
        if (s != null) {
            s.idleSince = System.nanoTime();
            s.inRequest = false;
        }
    }

    /** Closes every connection past its header deadline; called periodically. */
    void sweep() {
        long now = System.nanoTime();
        open.forEach((connection, s) -> {
            if (!s.inRequest && now - s.idleSince > headerNanos) connection.getEndPoint().close();
        });
    }

    int openConnections() {
        return open.size();
    }

    private static InetAddress address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) return inet.getAddress();
        return InetAddress.getLoopbackAddress();
    }
}
