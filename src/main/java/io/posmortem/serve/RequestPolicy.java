package io.posmortem.serve;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which requests {@code serve} accepts before it looks at a body: the Host and Origin a browser
 * would send (against DNS rebinding and cross-site requests), the body's media type (none of the
 * CORS-simple ones, so a browser must ask first and is refused), and the reload token. Pure
 * functions over header values.
 */
public final class RequestPolicy {

    /** Host names that always name this machine. */
    static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    /** Media types {@code POST /triage} accepts (parameters such as {@code charset} are ignored). */
    static final Set<String> SYMPTOM_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml", "application/json");

    private final Set<String> allowedHosts;

    /** {@code extraHosts}: names besides the loopback ones under which clients may reach the service. */
    RequestPolicy(Set<String> extraHosts) {
        Set<String> hosts = new TreeSet<>(LOOPBACK_NAMES);
        for (String h : extraHosts) hosts.add(normalHost(h));
        this.allowedHosts = Set.copyOf(hosts);
    }

    Set<String> allowedHosts() {
        return new TreeSet<>(allowedHosts);
    }

    /**
     * Whether a {@code Host} header value names an allowed host (any port). A missing Host is
     * refused: HTTP/1.1 requires it, and a request without one cannot be told apart from a
     * rebinding attack.
     */
    boolean hostAllowed(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) return false;
        return allowedHosts.contains(normalHost(hostOf(hostHeader.trim())));
    }

    /**
     * Whether an {@code Origin} header value may call the service: absent (not a browser, or a
     * same-origin GET) is fine; present, it must be an http(s) origin on an allowed host. The
     * opaque origin {@code null} (sandboxed frames, file pages) is refused.
     */
    boolean originAllowed(String origin) {
        if (origin == null) return true;
        String o = origin.trim();
        if (o.isEmpty() || o.equals("null")) return false;
        try {
            URI uri = new URI(o);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) return false;
            String host = uri.getHost();
            if (host == null) return false;
            return allowedHosts.contains(normalHost(host));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Whether a {@code Sec-Fetch-Site} value may post a form: absent (not a browser, or an older
     * one; the Origin check still applies), {@code same-origin} (the page at {@code /}) or
     * {@code none} (typed by the user). A form posted from another site ({@code cross-site},
     * {@code same-site}) is refused: form media types need no CORS preflight, so this and the
     * Origin check are what keep other pages from posting to a service on loopback.
     */
    static boolean fetchSiteAllowed(String secFetchSite) {
        if (secFetchSite == null) return true;
        String v = secFetchSite.trim().toLowerCase(Locale.ROOT);
        return v.equals("same-origin") || v.equals("none");
    }

    /** Whether a {@code Content-Type} value is one of {@link #SYMPTOM_TYPES}. */
    static boolean symptomType(String contentType) {
        if (contentType == null) return false;
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return SYMPTOM_TYPES.contains(type);
    }

    /** The host part of a Host header value: {@code name}, {@code name:port}, {@code [v6]}, {@code [v6]:port}. */
    static String hostOf(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int close = hostHeader.indexOf(']');
            return close < 0 ? hostHeader : hostHeader.substring(0, close + 1);
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
    }

    /** Lower case, without a trailing dot; a bare IPv6 literal gets its brackets. */
    static String normalHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.contains(":") && !h.startsWith("[")) h = "[" + h + "]";
        return h;
    }

    /** SHA-256 of a token, so tokens of any length compare in constant time. */
    public static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Whether an {@code Authorization} header carries the token whose digest is {@code expected}
     * ({@code Bearer TOKEN}); the comparison takes the same time wherever the first difference is.
     */
    static boolean tokenMatches(String authorization, byte[] expected) {
        if (authorization == null) return false;
        String a = authorization.trim();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        return MessageDigest.isEqual(digest(a.substring(7).trim()), expected);
    }
}
