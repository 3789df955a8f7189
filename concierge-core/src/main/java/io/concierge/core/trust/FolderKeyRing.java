package io.concierge.core.trust;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.trust.KeyRing;
import io.concierge.api.trust.TrustedKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import java.util.function.UnaryOperator;

/**
 * A {@link KeyRing} in a folder on any file system: {@code keys/<name>.key} holds a private key
 * (PKCS#8 in base64, owner read/write only where the file system has POSIX permissions) and
 * {@code trusted_keys} the pinned public keys, one {@code name ed25519 <base64 X.509>} line each.
 * Changes to {@code trusted_keys} are made under a file lock and written whole through a rename,
 * so two processes generating keys at once lose neither line.
 */
public final class FolderKeyRing implements KeyRing {
    static final String ALGORITHM = "ed25519";
    private static final String HEADER = "# Concierge trusted keys: name algorithm public-key (X.509, base64). "
            + "Only signatures by these keys count.\n";

    private final Path folder;

    /** The key ring kept in {@code folder}. */
    public FolderKeyRing(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    /**
     * The default key folder on {@code fileSystem}: {@code $CONCIERGE_HOME}, else
     * {@code $HOME/.config/concierge} (the JVM's {@code user.home} when HOME is not set).
     */
    public static Path defaultFolder(java.nio.file.FileSystem fileSystem, java.util.Map<String, String> environment) {
        String home = environment.getOrDefault("CONCIERGE_HOME", "");
        if (!home.isBlank()) {
            return fileSystem.getPath(home);
        }
        String user = environment.getOrDefault("HOME", "");
        return fileSystem.getPath(user.isBlank() ? System.getProperty("user.home", "/") : user, ".config", "concierge");
    }

    @Override
    public String location() {
        return folder.toString();
    }

    private Path keyFile(String name) {
        return folder.resolve("keys").resolve(name + ".key");
    }

    private Path trustedFile() {
        return folder.resolve("trusted_keys");
    }

    @Override
    public List<TrustedKey> trusted() {
        List<TrustedKey> keys = new ArrayList<>();
        for (String[] line : lines()) {
            keys.add(new TrustedKey(line[0], line[1], line[2], Files.isRegularFile(keyFile(line[0]))));
        }
        return keys;
    }

    @Override
    public Optional<TrustedKey> key(String name) {
        return find(Identities.normalize(name));
    }

    private Optional<TrustedKey> find(String name) {
        return trusted().stream().filter(k -> k.name().equals(name)).findFirst();
    }

    private List<String[]> lines() {
        Path file = trustedFile();
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkspaceIoException("read the trusted keys in", file, e);
        }
        List<String[]> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 3 || !parts[1].equals(ALGORITHM)) {
                throw new InvalidWorkspaceException("trusted keys " + file + ": line " + (i + 1)
                        + " is not 'name ed25519 base64-key'; fix the line or remove it");
            }
            lines.add(parts);
        }
        return lines;
    }

    @Override
    public boolean canSign(String name) {
        String id = Identities.normalize(name);
        // the trust line is written after the private key, under the lock: both there means the key is complete
        return Files.isRegularFile(keyFile(id)) && find(id).isPresent();
    }

    @Override
    public TrustedKey generate(String name) {
        String id = Identities.normalize(name);
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        return changeTrust(lines -> {
            if (lines.stream().anyMatch(l -> l[0].equals(id)) || Files.exists(keyFile(id))) {
                throw new InvalidInputException("a key for " + id + " exists already in " + folder
                        + "; see it with: bit key list");
            }
            writePrivate(id, pair.getPrivate());
            List<String[]> next = new ArrayList<>(lines);
            next.add(new String[] {id, ALGORITHM, publicKey});
            return next;
        }, id);
    }

    private void writePrivate(String id, PrivateKey key) {
        Path file = keyFile(id);
        byte[] bytes = (Base64.getEncoder().encodeToString(key.getEncoded()) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createDirectories(file.getParent());
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                // created owner-only, never readable by others even for an instant
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
            } else {
                Files.write(file, bytes, StandardOpenOption.CREATE_NEW);
            }
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException("a key for " + id + " exists already in " + folder + "; see it with: bit key list");
        } catch (IOException e) {
            throw new WorkspaceIoException("write the private key", file, e);
        }
    }

    @Override
    public TrustedKey trust(String name, String publicKey) {
        String id = Identities.normalize(name);
        String encoded = publicKey == null ? "" : publicKey.strip();
        publicKey(encoded, id);
        return changeTrust(lines -> {
            for (String[] line : lines) {
                if (line[0].equals(id)) {
                    if (line[2].equals(encoded)) {
                        return lines;
                    }
                    throw new InvalidInputException("another key is already trusted for " + id + " in " + folder
                            + "; if it was replaced, revoke the old one first with: bit key revoke --name " + id);
                }
            }
            List<String[]> next = new ArrayList<>(lines);
            next.add(new String[] {id, ALGORITHM, encoded});
            return next;
        }, id);
    }

    @Override
    public boolean revoke(String name) {
        String id = Identities.normalize(name);
        boolean[] found = {false};
        try {
            found[0] = Files.deleteIfExists(keyFile(id));
        } catch (IOException e) {
            throw new WorkspaceIoException("delete the private key", keyFile(id), e);
        }
        if (Files.exists(trustedFile())) {
            changeTrust(lines -> {
                List<String[]> next = new ArrayList<>(lines);
                found[0] |= next.removeIf(l -> l[0].equals(id));
                return next;
            }, null);
        }
        return found[0];
    }

    /**
     * Rewrites {@code trusted_keys} under its lock; returns the key of {@code name} afterwards.
     * Synchronized because a file lock guards against other processes only: threads of this
     * process (runs in parallel) take turns here; another key ring of this process on the same
     * folder waits for the file lock.
     */
    private synchronized TrustedKey changeTrust(UnaryOperator<List<String[]>> change, String name) {
        Path file = trustedFile();
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(folder.resolve(".trusted_keys.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lock(channel)) {
                List<String[]> before = lines();
                List<String[]> after = change.apply(before);
                if (after != before) {
                    StringBuilder text = new StringBuilder(HEADER);
                    for (String[] line : after) {
                        text.append(String.join(" ", line)).append('\n');
                    }
                    Path temp = folder.resolve(".trusted_keys." + ProcessHandle.current().pid() + ".tmp");
                    Files.write(temp, text.toString().getBytes(StandardCharsets.UTF_8));
                    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new WorkspaceIoException("update the trusted keys in", file, e);
        }
        return name == null ? null : find(name).orElseThrow();
    }

    /** The file lock, waiting while another key ring of this process holds it. */
    private static FileLock lock(FileChannel channel) throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for the trusted keys lock");
                }
            }
        }
    }

    @Override
    public byte[] sign(String name, byte[] data) {
        String id = Identities.normalize(name);
        Path file = keyFile(id);
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no private key of " + id + " in " + folder + "; make one with: bit key generate --name " + id);
        }
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (IOException e) {
            throw new WorkspaceIoException("read the private key", file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidWorkspaceException("private key " + file + " is not an Ed25519 key in base64; revoke it with: bit key revoke --name "
                    + id + " and generate a new one");
        }
    }

    @Override
    public boolean verify(String name, byte[] data, byte[] signature) {
        Optional<TrustedKey> key = find(name);
        if (key.isEmpty()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(key.get().publicKey(), name));
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | InvalidInputException e) {
            return false;
        }
    }

    private static PublicKey publicKey(String base64, String name) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidInputException("the public key for " + name + " is not an Ed25519 key in base64 (X.509);"
                    + " copy it whole from: bit key export --name " + name);
        }
    }

}
