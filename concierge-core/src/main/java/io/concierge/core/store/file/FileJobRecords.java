package io.concierge.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.core.codec.Codecs;
import io.concierge.core.store.JobPage;
import io.concierge.core.store.JobQuery;
import io.concierge.core.store.JobRecord;
import io.concierge.core.store.JobRecords;
import io.concierge.core.store.Lease;
import io.concierge.core.workspace.AtomicFiles;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Jobs as {@code jobs/<id>/job.yaml}. A change holds the job's lock across read, change and
 * atomic replace, so concurrent processes never lose an update.
 */
final class FileJobRecords implements JobRecords {
    private final FileWorkspace workspace;
    private final Codecs codecs;
    private final Fences fences;

    FileJobRecords(FileWorkspace workspace, Fences fences) {
        this.workspace = workspace;
        this.codecs = workspace.codecs();
        this.fences = fences;
    }

    Path file(String id) {
        return workspace.jobDir(id).resolve("job.yaml");
    }

    @Override
    public Optional<JobRecord> find(String id) {
        Path file = file(id);
        byte[] bytes;
        try {
            if (Files.size(file) > Codecs.MAX_DOCUMENT_BYTES) {
                throw new InvalidWorkspaceException("job file " + file + " is larger than "
                        + (Codecs.MAX_DOCUMENT_BYTES >> 10) + " KiB; it cannot be a valid Concierge file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new WorkspaceIoException("read job file", file, e);
        }
        return Optional.of(record(id, new String(bytes, StandardCharsets.UTF_8), codecs.parseYaml(bytes, "job file " + file)));
    }

    /**
     * The record of a parsed job file. The indexed fields are read leniently: a file that lacks
     * one still becomes a record, and the reader that parses its content names what is wrong.
     */
    static JobRecord record(String id, String content, JsonNode tree) {
        String pkg = tree.path("package").asText("");
        String version = tree.path("package_version").asText("");
        return new JobRecord(id, tree.path("version").asLong(0), tree.path("status").asText(""),
                version.isEmpty() ? pkg : pkg + "@" + version, instant(tree.path("created_at")),
                instant(tree.path("updated_at")), content);
    }

    private static Instant instant(JsonNode node) {
        try {
            return Instant.parse(node.asText(""));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    @Override
    public void create(JobRecord record) {
        try (FileLock lock = workspace.lock("job-" + record.id())) {
            if (Files.exists(file(record.id()))) {
                throw new IllegalStateException("job " + record.id() + " already exists at " + file(record.id()));
            }
            AtomicFiles.write(file(record.id()), record.content().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public JobRecord update(String id, Lease fence, UnaryOperator<JobRecord> change) {
        try (FileLock lock = workspace.lock("job-" + id)) {
            JobRecord current = find(id).orElseThrow(() -> new NotFoundException("job file " + file(id) + " does not exist"));
            JobRecord next = change.apply(current);
            if (next == current) {
                return current;
            }
            if (next.version() != current.version() + 1) {
                throw new IllegalStateException("job " + id + " must be written at version " + (current.version() + 1)
                        + ", not " + next.version());
            }
            fences.write(id, fence, () -> AtomicFiles.write(file(id), next.content().getBytes(StandardCharsets.UTF_8)));
            return next;
        }
    }

    @Override
    public List<String> ids() {
        Path dir = workspace.jobsDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            return dirs.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("j_") && n.matches("[A-Za-z0-9_]{3,80}"))
                    .filter(n -> Files.exists(dir.resolve(n).resolve("job.yaml")))
                    .sorted().toList();
        } catch (IOException e) {
            throw new WorkspaceIoException("list the jobs in", dir, e);
        }
    }

    /**
     * Reads the job files newest first (ids are time-ordered) until the page is full; a job
     * file that cannot be read is left out here (the listing of {@code JobFiles} reports it).
     */
    @Override
    public JobPage list(JobQuery query) {
        List<String> ids = new ArrayList<>(ids());
        ids.sort(Comparator.reverseOrder());
        List<JobRecord> page = new ArrayList<>();
        String next = "";
        for (String id : ids) {
            if (!query.cursor().isEmpty() && id.compareTo(query.cursor()) >= 0) {
                continue;
            }
            JobRecord record;
            try {
                record = find(id).orElse(null);
            } catch (RuntimeException e) {
                continue;
            }
            if (record == null || !query.statuses().isEmpty() && !query.statuses().contains(record.status())
                    || query.since() != null && record.createdAt().isBefore(query.since())) {
                continue;
            }
            if (query.limit() > 0 && page.size() == query.limit()) {
                next = page.get(page.size() - 1).id();
                break;
            }
            page.add(record);
        }
        return new JobPage(page, next);
    }
}
