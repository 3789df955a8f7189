package io.concierge.cli.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidWorkspaceException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The workspaces {@code bit ws open} remembered, one per environment, in
 * {@code ~/.config/concierge/workspaces.json} (or under {@code $XDG_CONFIG_HOME}):
 *
 * <pre>{@code
 * {"environments": {"dev": {"path": "/home/me/workspace_dev", "opened_at": "2026-11-25T13:00:00Z"}}}
 * }</pre>
 *
 * <p>The file is replaced atomically under a lock, so two {@code bit ws open} at once lose nothing
 * and a reader never sees half a file.
 */
public final class RememberedWorkspaces {
    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The registry kept in {@code file}. */
    public RememberedWorkspaces(Path file) {
        this.file = file;
    }

    /** Where the registry is kept. */
    public Path file() {
        return file;
    }

    /** The workspace remembered for {@code environment}, if any. */
    public Optional<Path> lookup(String environment) {
        JsonNode path = read().path("environments").path(environment).path("path");
        return path.isTextual() && !path.asText().isBlank() ? Optional.of(Path.of(path.asText())) : Optional.empty();
    }

    /** Remembers {@code workspace} for {@code environment}, replacing what was remembered before. */
    public void remember(String environment, Path workspace, Instant now) {
        try {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                // Held until the channel closes: read, change and replace happen as one.
                channel.lock();
                ObjectNode root = read();
                ObjectNode environments = root.path("environments").isObject()
                        ? (ObjectNode) root.get("environments") : root.putObject("environments");
                ObjectNode entry = environments.putObject(environment);
                entry.put("path", workspace.toAbsolutePath().normalize().toString());
                entry.put("opened_at", now.toString());
                writeAtomically(mapper.writeValueAsBytes(root));
            }
        } catch (IOException e) {
            throw new ConciergeException(ConciergeException.Kind.FAILED,
                    "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode read() {
        if (!Files.isRegularFile(file)) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode root = mapper.readTree(Files.readAllBytes(file));
            if (root == null || root.isMissingNode()) {
                return mapper.createObjectNode();
            }
            if (!root.isObject()) {
                throw new InvalidWorkspaceException(file + " is not a JSON object: fix it or delete it and run "
                        + "'bit ws open --path PATH' again");
            }
            return (ObjectNode) root;
        } catch (JsonProcessingException e) {
            throw new InvalidWorkspaceException(file + " is not valid JSON (" + e.getOriginalMessage()
                    + "): fix it or delete it and run 'bit ws open --path PATH' again", e);
        } catch (IOException e) {
            throw new ConciergeException(ConciergeException.Kind.FAILED,
                    "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeAtomically(byte[] content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
