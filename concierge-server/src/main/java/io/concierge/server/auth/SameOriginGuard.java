package io.concierge.server.auth;

import io.concierge.server.http.ApiError;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Keeps other web sites out of a server that a browser can reach. Two checks, both exact:
 * <ul>
 *   <li>the {@code Host} must name this server: a loopback name ({@code localhost},
 *       {@code 127.0.0.1}, {@code [::1]}), the address it is bound to, or a name the operator
 *       allowed; with a port, this server's port. A domain re-pointed at 127.0.0.1
 *       ({@code 127.0.0.1.attacker.example}, DNS rebinding) is refused, so a page on it cannot
 *       read or change anything through the visitor's browser;</li>
 *   <li>a request that changes something ({@code POST}, {@code PATCH}, ...) and carries an
 *       {@code Origin} must come from the same scheme, host and port it is addressed to: a page
 *       elsewhere cannot make the visitor's browser approve or run a job (cross-site request
 *       forgery). {@code Origin: null} (sandboxed frames, local files) is refused too.</li>
 * </ul>
 * Clients that are not browsers (curl, scripts, {@code java.net.http}) send no {@code Origin}
 * and the {@code Host} they connected to, and pass.
 *
 * <pre>{@code
 * SameOriginGuard guard = new SameOriginGuard(Set.of("127.0.0.1"), () -> 8080);
 * guard.check("GET", "127.0.0.1:8080", null);                        // passes
 * guard.check("GET", "127.0.0.1.attacker.example:8080", null);       // 403
 * guard.check("POST", "localhost:8080", "http://evil.example");      // 403
 * }</pre>
 */
public final class SameOriginGuard {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** The loopback names every server answers to. */
    public static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> hosts;
    private final IntSupplier port;

    /**
     * Creates the guard.
     *
     * @param hosts the host names and addresses (lower case, IPv6 in brackets, no port) requests may be
     *              addressed to besides the loopback names
     * @param port  the port the server listens on (read per request: it is known once bound)
     */
    public SameOriginGuard(Set<String> hosts, IntSupplier port) {
        Set<String> all = new LinkedHashSet<>(LOOPBACK_NAMES);
        hosts.forEach(h -> all.add(h.toLowerCase(Locale.ROOT)));
        this.hosts = Set.copyOf(all);
        this.port = port;
    }

    /**
     * Checks a request.
     *
     * @param method the request method
     * @param host   the {@code Host} header, or null
     * @param origin the {@code Origin} header, or null
     * @throws ApiError 403 when the request is addressed to another name or comes from another site
     */
    public void check(String method, String host, String origin) {
        if (host == null || !allowedHost(host)) {
            throw forbidden("this server only answers requests addressed to " + String.join(", ", hosts.stream().sorted().toList())
                    + " (got Host: " + host + "); reach it by one of these names or start it with --allow-host");
        }
        if (origin == null || SAFE_METHODS.contains(method)) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        boolean same = uri != null && "http".equalsIgnoreCase(uri.getScheme()) && uri.getRawAuthority() != null
                && uri.getRawPath() != null && (uri.getRawPath().isEmpty())
                && normalize(uri.getRawAuthority()).equals(normalize(host));
        if (!same) {
            throw forbidden("cross-site request refused: " + method + " from origin " + origin
                    + " to " + host + "; use the dashboard this server serves, or a client without an Origin header");
        }
    }

    private boolean allowedHost(String host) {
        String h = normalize(host);
        String name = h;
        String portText = null;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return false;
            }
            name = h.substring(0, end + 1);
            String rest = h.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return false;
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0) {
                name = h.substring(0, colon);
                portText = h.substring(colon + 1);
            }
        }
        if (portText != null && !portText.equals(Integer.toString(port.getAsInt()))) {
            return false;
        }
        return hosts.contains(name);
    }

    /** Lower case, trimmed; a trailing dot of a fully qualified name is the same name. */
    private static String normalize(String authority) {
        String a = authority.trim().toLowerCase(Locale.ROOT);
        int colon = a.startsWith("[") ? a.indexOf(':', Math.max(a.indexOf(']'), 0)) : a.indexOf(':');
        String name = colon < 0 ? a : a.substring(0, colon);
        String rest = colon < 0 ? "" : a.substring(colon);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name + rest;
    }

    private static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }
}
