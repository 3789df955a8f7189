package io.concierge.server.auth;

import io.concierge.server.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured tokens and tells which
 * approver the caller acts as. With no tokens configured every request is let in anonymously
 * (the server only allows that on a loopback address).
 *
 * <pre>{@code
 * BearerAuth auth = new BearerAuth(Map.of("s3cret", "alice"));
 * auth.authenticate("Bearer s3cret");   // Optional["alice"]
 * auth.authenticate(null);              // throws ApiError 401
 * }</pre>
 */
public final class BearerAuth {
    private static final String SCHEME = "bearer ";
    private final Map<byte[], String> tokens = new LinkedHashMap<>();

    /**
     * Creates the check.
     *
     * @param tokenToApprover token secret to approver name
     */
    public BearerAuth(Map<String, String> tokenToApprover) {
        tokenToApprover.forEach((token, approver) -> tokens.put(token.getBytes(StandardCharsets.UTF_8), approver));
    }

    /**
     * Whether any token is configured.
     *
     * @return true when requests must carry a token
     */
    public boolean enabled() {
        return !tokens.isEmpty();
    }

    /**
     * Checks a request's {@code Authorization} header.
     *
     * @param authorization the header's value, or null when absent
     * @return the approver name the token acts as, or empty when no tokens are configured
     * @throws ApiError 401 when tokens are configured and the header is missing or wrong
     */
    public Optional<String> authenticate(String authorization) {
        if (!enabled()) {
            return Optional.empty();
        }
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("this server needs a token: send 'Authorization: Bearer <token>'");
        }
        String value = authorization.strip();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        byte[] given = value.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        String found = null;
        // compare with every token, in constant time each, so timing tells nothing about which matched
        for (Map.Entry<byte[], String> entry : tokens.entrySet()) {
            if (MessageDigest.isEqual(entry.getKey(), given) && found == null) {
                found = entry.getValue();
            }
        }
        if (found == null) {
            throw unauthorized("the token is not valid for this server");
        }
        return Optional.of(found);
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message,
                Map.of("WWW-Authenticate", "Bearer realm=\"concierge\""));
    }
}
