package io.concierge.server.auth;

import io.concierge.server.http.ApiError;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps other web sites out of a server that a browser can reach. Two checks:
 * <ul>
 *   <li>a request that changes something ({@code POST}, {@code PATCH}, ...) and carries an
 *       {@code Origin} must come from this server's own origin: a page elsewhere cannot make the
 *       visitor's browser approve or run a job (cross-site request forgery);</li>
 *   <li>without tokens (loopback only) the {@code Host} must be a loopback name, so that a
 *       domain re-pointed at 127.0.0.1 cannot read the API through the visitor's browser (DNS
 *       rebinding).</li>
 * </ul>
 * Clients that are not browsers (curl, scripts, {@code java.net.http}) send no {@code Origin}
 * and a loopback {@code Host}, and pass.
 */
public final class SameOriginGuard {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean loopbackOnly;

    /**
     * Creates the guard.
     *
     * @param loopbackOnly true when the server runs without tokens (and so only on a loopback address)
     */
    public SameOriginGuard(boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    /**
     * Checks a request.
     *
     * @param method the request method
     * @param host   the {@code Host} header, or null
     * @param origin the {@code Origin} header, or null
     * @throws ApiError 403 when the request comes from elsewhere
     */
    public void check(String method, String host, String origin) {
        if (loopbackOnly && (host == null || !LOOPBACK_NAMES.contains(hostName(host)) && !hostName(host).startsWith("127."))) {
            throw forbidden("this server only answers requests addressed to localhost or 127.0.0.1");
        }
        if (origin == null || SAFE_METHODS.contains(method)) {
            return;
        }
        String originAuthority;
        try {
            URI uri = URI.create(origin.trim());
            originAuthority = uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            originAuthority = null;
        }
        if (originAuthority == null || host == null || !originAuthority.equalsIgnoreCase(host.trim())) {
            throw forbidden("cross-site request refused: " + method + " from origin " + origin
                    + " to " + host + "; use the dashboard this server serves, or a client without an Origin header");
        }
    }

    private static String hostName(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }
}
