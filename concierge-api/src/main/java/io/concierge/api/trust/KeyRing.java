package io.concierge.api.trust;

import io.concierge.api.spi.ConciergeProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The keys one person or host holds and the public keys it trusts, kept outside the workspace.
 * Approvals are signed with the approver's private key; a run is sealed with the {@code runner}
 * key; and only signatures by keys pinned here count. Someone who can write the workspace but
 * not this key ring cannot forge either.
 *
 * <pre>{@code
 * KeyRing keys = KeyRing.folder(Path.of(System.getProperty("user.home"), ".config", "concierge"));
 * keys.generate("alice");                      // keys/alice.key (0600) and a trusted_keys line
 * keys.trust("bob", "MCowBQYDK2VwAyEA...");    // bob's public key, from: bit key export --name bob
 * Concierge concierge = Concierge.builder(workspace).keyRing(keys).open();
 * }</pre>
 *
 * <p>Names are identities normalized the way approvers are (Unicode NFKC, case-folded,
 * invisible and control characters refused), so {@code Alice} and {@code alice} are one key.
 */
public interface KeyRing {
    /** The identity whose key seals runs (and signs approvals made by policy). */
    String RUNNER = "runner";

    /**
     * The key ring kept in a folder on any file system: {@code keys/<name>.key} (private keys,
     * owner-only) and {@code trusted_keys} (pinned public keys, one per line).
     *
     * @param folder the folder; created when a key is first written
     * @return the key ring
     */
    static KeyRing folder(Path folder) {
        ConciergeProvider provider = ServiceLoader.load(ConciergeProvider.class, KeyRing.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "no Concierge implementation on the class path; add io.concierge:concierge-core"));
        return provider.keyRing(folder);
    }

    /**
     * Where the keys are, in words for messages ({@code /home/alice/.config/concierge}).
     *
     * @return the location
     */
    String location();

    /**
     * Every trusted key, by name.
     *
     * @return the trusted keys
     */
    List<TrustedKey> trusted();

    /**
     * The key trusted for {@code name}, if any.
     *
     * @param name an identity (normalized here)
     * @return the trusted key, or empty
     */
    java.util.Optional<TrustedKey> key(String name);

    /**
     * Whether this key ring can sign as {@code name}: it holds its private key.
     *
     * @param name an identity (normalized here)
     * @return true when the private key is held
     */
    boolean canSign(String name);

    /**
     * Makes a new Ed25519 key pair for {@code name}, keeps the private key and trusts the public one.
     *
     * @param name an identity (normalized here)
     * @return the new trusted key
     * @throws io.concierge.api.failure.InvalidInputException when the name is not a valid identity or a key
     *     for it exists already
     */
    TrustedKey generate(String name);

    /**
     * Pins {@code publicKey} as the key of {@code name}.
     *
     * @param name an identity (normalized here)
     * @param publicKey an Ed25519 public key, X.509 encoded in base64 (what {@code bit key export} prints)
     * @return the trusted key
     * @throws io.concierge.api.failure.InvalidInputException when the key does not parse or another key is
     *     already trusted for the name
     */
    TrustedKey trust(String name, String publicKey);

    /**
     * Stops trusting {@code name}'s key (and forgets its private key): its signatures no longer count.
     *
     * @param name an identity (normalized here)
     * @return whether there was a key to revoke
     */
    boolean revoke(String name);

    /**
     * Signs {@code data} as {@code name}.
     *
     * @param name an identity whose private key is held
     * @param data the bytes to sign
     * @return the Ed25519 signature
     * @throws io.concierge.api.failure.NotFoundException when the private key is not held
     */
    byte[] sign(String name, byte[] data);

    /**
     * Whether {@code signature} is {@code name}'s signature of {@code data} under the key trusted
     * for {@code name}; false when no key is trusted for it.
     *
     * @param name an identity
     * @param data the signed bytes
     * @param signature the signature
     * @return true when it verifies under the pinned key
     */
    boolean verify(String name, byte[] data, byte[] signature);
}
