package io.concierge.core.job;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.Job;
import io.concierge.api.workspace.Finding;
import io.concierge.core.workspace.AtomicFiles;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.workspace.FileWorkspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cache of every job's content in {@code .concierge/index/jobs.json}, so that listing 10,000
 * jobs reads one file instead of parsing 10,000 YAML files. An entry is used only while its
 * {@code job.yaml} has the same file key (inode), modification time and size as when it was
 * indexed; every state write replaces {@code job.yaml} by a rename, so any change, by Concierge
 * or by a person's editor, shows. Stale or missing entries are re-read and the index rewritten.
 * The file can be deleted at any time.
 */
final class JobIndex {
    private final FileWorkspace workspace;
    private final JobFiles jobs;
    private final ObjectMapper json;

    JobIndex(FileWorkspace workspace, JobFiles jobs) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.json = workspace.codecs().json();
    }

    private Path file() {
        return workspace.stateDir().resolve("index").resolve("jobs.json");
    }

    private record Entry(String stamp, JsonNode tree) {
    }

    /**
     * Every job with one of {@code ids}, in that order; a job whose file cannot be read is left
     * out (and out of the index, so it is read again next time) and becomes one finding.
     */
    JobFiles.Listing read(List<String> ids) {
        Map<String, Entry> index = load();
        Map<String, Entry> fresh = new LinkedHashMap<>();
        List<Job> result = new ArrayList<>(ids.size());
        List<Finding> problems = new ArrayList<>();
        boolean changed = index.size() != ids.size();
        for (String id : ids) {
            Path yaml = jobs.file(id);
            String stamp = stamp(yaml);
            Entry entry = index.get(id);
            Job job = null;
            if (entry != null && entry.stamp().equals(stamp)) {
                try {
                    job = JobFiles.fromTree(entry.tree(), yaml, id);
                } catch (RuntimeException e) {
                    job = null; // a damaged index entry: read the file instead
                }
            }
            if (job == null) {
                try {
                    job = jobs.read(id);
                } catch (ConciergeException e) {
                    problems.add(new Finding("jobs/" + id + "/job.yaml", e.getMessage()));
                    changed = true;
                    continue;
                } catch (RuntimeException e) {
                    // values the Job record itself refuses: still a bad file, not a reason to stop listing
                    problems.add(new Finding("jobs/" + id + "/job.yaml", "cannot be read as a job (" + e.getMessage()
                            + "); fix the file or restore it"));
                    changed = true;
                    continue;
                }
                entry = new Entry(stamp, jobs.toTree(job));
                changed = true;
            }
            fresh.put(id, entry);
            result.add(job);
        }
        if (changed) {
            save(fresh);
        }
        return new JobFiles.Listing(result, problems);
    }

    private String stamp(Path yaml) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(yaml, BasicFileAttributes.class);
            return attributes.fileKey() + "|" + attributes.lastModifiedTime() + "|" + attributes.size();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    private Map<String, Entry> load() {
        Map<String, Entry> index = new HashMap<>();
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return index;
        }
        try (InputStream in = Files.newInputStream(file); JsonParser parser = json.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Map.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String id = parser.currentName();
                parser.nextToken();
                JsonNode node = json.readTree(parser);
                index.put(id, new Entry(node.path("stamp").asText(), node.path("job")));
            }
        } catch (IOException | RuntimeException e) {
            return new HashMap<>(); // unreadable index: rebuild it from the job files
        }
        return index;
    }

    private void save(Map<String, Entry> entries) {
        Optional<FileLock> lock = workspace.tryLock("job-index");
        if (lock.isEmpty()) {
            return; // another process is writing it; ours would be no fresher
        }
        try (FileLock held = lock.get()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(entries.size() * 1024);
            try (JsonGenerator out = json.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
                out.writeStartObject();
                for (Map.Entry<String, Entry> e : entries.entrySet()) {
                    out.writeObjectFieldStart(e.getKey());
                    out.writeStringField("stamp", e.getValue().stamp());
                    out.writeFieldName("job");
                    json.writeTree(out, e.getValue().tree());
                    out.writeEndObject();
                }
                out.writeEndObject();
            }
            AtomicFiles.write(file(), bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            // the index only saves time; the job files stay the truth
        }
    }
}
