package io.posmortem.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The service's options as a user gives them (seconds as integers, 0 workers for the default,
 * the reload token as a file), checked and turned into {@link TriageService.Settings}.
 */
public record ServiceOptions(String host, int port, int maxBody, int timeoutSeconds, int concurrency, int readTimeoutSeconds,
        int perClient, int maxConnections, List<String> allowHosts, Path reloadTokenFile, Path smokeCase, boolean quiet) {

    public static final int MAX_BODY_LIMIT = 64 * 1024 * 1024;
    public static final int MAX_TIMEOUT = 3600;
    public static final int MAX_CONCURRENCY = 256;
    public static final int MAX_READ_TIMEOUT = 600;
    public static final int MAX_CONNECTIONS_LIMIT = 100_000;

    /**
     * The settings these options give. A value out of range, a host that is not a name or an
     * address, or an unusable token file is an {@link IllegalArgumentException} whose message
     * names the option.
     */
    public TriageService.Settings settings() {
        range("--port", port, 0, 65535);
        range("--max-body", maxBody, 1, MAX_BODY_LIMIT);
        range("--timeout", timeoutSeconds, 1, MAX_TIMEOUT);
        range("--concurrency", concurrency, 0, MAX_CONCURRENCY);
        range("--read-timeout", readTimeoutSeconds, 1, MAX_READ_TIMEOUT);
        range("--max-connections-per-client", perClient, 1, MAX_CONNECTIONS_LIMIT);
        range("--max-connections", maxConnections, 1, MAX_CONNECTIONS_LIMIT);
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        for (String h : allowHosts) {
            if (h.isBlank() || !h.matches("[A-Za-z0-9._:\\[\\]-]+")) {
                throw new IllegalArgumentException("--allow-host: '" + RequestLog.printable(h, 100) + "' is not a host name or address");
            }
            hosts.add(h);
        }
        // Clients reaching a non-wildcard bind address use that address as their Host.
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) hosts.add(host);
        int workers = concurrency > 0 ? concurrency : 2 * Runtime.getRuntime().availableProcessors();
        return new TriageService.Settings(host, port, maxBody, Duration.ofSeconds(timeoutSeconds), workers, Duration.ofSeconds(readTimeoutSeconds),
                perClient, maxConnections, hosts, reloadToken(), smokeCase, quiet);
    }

    /** SHA-256 of the token in {@code --reload-token-file} (null without one). */
    private byte[] reloadToken() {
        if (reloadTokenFile == null) return null;
        // Only a regular file: a FIFO would block start-up, a device could be endless.
        if (!Files.isRegularFile(reloadTokenFile)) throw wrong(reloadTokenFile + " is not a regular file");
        String token;
        try {
            if (Files.size(reloadTokenFile) > 4096) throw wrong(reloadTokenFile + " is larger than 4096 bytes; it should hold one token");
            token = Files.readString(reloadTokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw wrong("cannot read " + reloadTokenFile + " (" + e.getClass().getSimpleName() + ")");
        }
        if (token.length() < 16) throw wrong("the token in " + reloadTokenFile + " is shorter than 16 characters");
        if (token.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) throw wrong("the token must be one line without spaces or control characters");
        return RequestPolicy.digest(token);
    }

    private static IllegalArgumentException wrong(String message) {
        return new IllegalArgumentException("--reload-token-file: " + message);
    }

    private static void range(String option, int value, int min, int max) {
        if (value < min || value > max) throw new IllegalArgumentException(option + " must be between " + min + " and " + max + " (got " + value + ")");
    }

    /** Why binding the address failed, in words (never a stack trace). */
    public static String bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) return "the address is in use or not available (" + b.getMessage() + ")";
            if (t instanceof UnknownHostException) return "unknown host";
        }
        return String.valueOf(e.getMessage());
    }
}
