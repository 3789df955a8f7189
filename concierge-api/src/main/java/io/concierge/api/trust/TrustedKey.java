package io.concierge.api.trust;

import java.util.Objects;

/**
 * A public key a {@link KeyRing} trusts for one identity: one line of its {@code trusted_keys}
 * file ({@code alice ed25519 MCowBQYDK2VwAyEA...}).
 *
 * @param name       the normalized identity the key speaks for (an approver, or {@code runner})
 * @param algorithm  the signature algorithm, {@code ed25519}
 * @param publicKey  the X.509 encoding of the public key, in base64
 * @param privateKeyHeld whether the key ring also holds the private key (it can sign as {@code name})
 */
public record TrustedKey(String name, String algorithm, String publicKey, boolean privateKeyHeld) {
    /**
     * Validates.
     *
     * @param name the normalized identity
     * @param algorithm the signature algorithm
     * @param publicKey the public key, X.509 in base64
     * @param privateKeyHeld whether the private key is held too
     */
    public TrustedKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
