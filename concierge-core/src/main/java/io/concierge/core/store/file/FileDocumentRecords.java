package io.concierge.core.store.file;

import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.core.codec.Codecs;
import io.concierge.core.store.DocumentKey;
import io.concierge.core.store.DocumentRecords;
import io.concierge.core.store.Lease;
import io.concierge.core.workspace.AtomicFiles;
import io.concierge.core.workspace.FileWorkspace;
import io.concierge.core.workspace.FolderListing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Documents as the files DESIGN.md names: {@code intents/<id>.json},
 * {@code jobs/<job>/plans/<plan>.yaml} and {@code jobs/<job>/logs/run-<run>.seal}.
 */
final class FileDocumentRecords implements DocumentRecords {
    private final FileWorkspace workspace;
    private final Fences fences;

    FileDocumentRecords(FileWorkspace workspace, Fences fences) {
        this.workspace = workspace;
        this.fences = fences;
    }

    /** The file that holds a document. */
    Path file(DocumentKey key) {
        return switch (key.kind()) {
            case INTENT -> workspace.intentsDir().resolve(key.name() + ".json");
            case PLAN -> workspace.jobDir(key.jobId()).resolve("plans").resolve(key.name() + ".yaml");
            case SEAL -> workspace.jobDir(key.jobId()).resolve("logs").resolve("run-" + key.name() + ".seal");
        };
    }

    @Override
    public Optional<String> get(DocumentKey key) {
        Path file = file(key);
        try {
            if (Files.size(file) > Codecs.MAX_DOCUMENT_BYTES) {
                throw new InvalidWorkspaceException(file + " is larger than " + (Codecs.MAX_DOCUMENT_BYTES >> 10)
                        + " KiB; it cannot be a valid Concierge file");
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidWorkspaceException(file + " is not UTF-8 text; restore it");
        } catch (IOException e) {
            throw new WorkspaceIoException("read", file, e);
        }
    }

    @Override
    public void put(DocumentKey key, String content, Lease fence) {
        fences.write(key.jobId(), key.jobId().isEmpty() ? null : fence,
                () -> AtomicFiles.write(file(key), content.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<String> names(DocumentKey.Kind kind, String jobId) {
        return switch (kind) {
            case INTENT -> FolderListing.between(workspace.intentsDir(), "", ".json", "the intents in");
            case PLAN -> FolderListing.between(workspace.jobDir(jobId).resolve("plans"), "", ".yaml", "the plans in");
            case SEAL -> FolderListing.between(workspace.jobDir(jobId).resolve("logs"), "run-", ".seal", "the seals in");
        };
    }
}
