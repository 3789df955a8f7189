package io.concierge.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.run.Artifact;
import io.concierge.api.workspace.Finding;
import io.concierge.core.codec.Codecs;
import io.concierge.core.workspace.AtomicFiles;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code jobs/<job>/manifest.json}: the SHA-256 and size of every artifact, written when a run
 * completes, so that a later change to an output is found by {@code bit job validate}. It lies
 * beside {@code artifacts/}, not in it, so {@code cp artifacts/*} copies outputs only.
 */
public final class ArtifactManifest {
    private final FileWorkspace workspace;
    private final Codecs codecs;

    /** Creates the manifests of {@code workspace}. */
    public ArtifactManifest(FileWorkspace workspace) {
        this.workspace = workspace;
        this.codecs = workspace.codecs();
    }

    /** The manifest file of a job. */
    public Path file(String jobId) {
        return workspace.manifestFile(jobId);
    }

    /** Records every file now in the job's artifacts folder. */
    public void write(String jobId, String runId, Instant at) {
        write(jobId, runId, at, List.of());
    }

    /**
     * Records every file now in the job's artifacts folder and, under {@code deliveries}, where
     * the run delivered outputs outside the workspace (artifact name, path, SHA-256).
     */
    void write(String jobId, String runId, Instant at, List<Delivery.Delivered> deliveries) {
        ObjectNode root = codecs.object();
        root.put("job_id", jobId);
        root.put("run_id", runId);
        root.put("written_at", at.toString());
        ArrayNode list = root.putArray("artifacts");
        for (Path file : files(jobId)) {
            try {
                list.addObject().put("name", file.getFileName().toString()).put("size", Files.size(file))
                        .put("sha256", Codecs.sha256(file));
            } catch (IOException e) {
                throw new WorkspaceIoException("hash artifact", file, e);
            }
        }
        if (!deliveries.isEmpty()) {
            ArrayNode delivered = root.putArray("deliveries");
            for (Delivery.Delivered d : deliveries) {
                delivered.addObject().put("step_id", d.stepId()).put("name", d.artifact()).put("to", d.to().toString())
                        .put("sha256", d.sha256());
            }
        }
        AtomicFiles.write(file(jobId), codecs.writePrettyJson(root));
    }

    /** What differs between the artifacts folder and the manifest; empty when there is no manifest. */
    public List<Finding> check(String jobId) {
        List<Finding> findings = new ArrayList<>();
        Path linked = workspace.artifactsDir(jobId);
        if (Files.isSymbolicLink(linked)) {
            // Listed first and alone: what lies behind the link is not the job's, so it is not compared.
            findings.add(new Finding("artifacts", "is a symbolic link, so a run would write outside the job;"
                    + " replace it with a real folder"));
            return findings;
        }
        Path manifest = file(jobId);
        if (!Files.exists(manifest)) {
            return findings;
        }
        JsonNode root = codecs.readJson(manifest, "artifact manifest");
        Path dir = workspace.artifactsDir(jobId);
        Set<String> listed = new HashSet<>();
        for (JsonNode entry : root.path("artifacts")) {
            String name = entry.path("name").asText();
            listed.add(name);
            Path file = dir.resolve(name).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                findings.add(new Finding("artifacts/" + name, "is listed in manifest.json but missing"));
                continue;
            }
            try {
                if (!Codecs.sha256(file).equals(entry.path("sha256").asText())) {
                    findings.add(new Finding("artifacts/" + name, "content changed after the run (SHA-256 differs from manifest.json)"));
                }
            } catch (IOException e) {
                findings.add(new Finding("artifacts/" + name, "cannot be read: " + e.getMessage()));
            }
        }
        for (Path file : files(jobId)) {
            if (!listed.contains(file.getFileName().toString())) {
                findings.add(new Finding("artifacts/" + file.getFileName(), "was added after the run (not in manifest.json)"));
            }
        }
        return findings;
    }

    /** The files in the job's artifacts folder with their size and SHA-256, by name. */
    public List<Artifact> list(String jobId) {
        List<Artifact> artifacts = new ArrayList<>();
        for (Path file : files(jobId)) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                artifacts.add(new Artifact(file.getFileName().toString(), file, Files.size(file), Codecs.sha256(file)));
            } catch (IOException e) {
                throw new WorkspaceIoException("hash artifact", file, e);
            }
        }
        return artifacts;
    }

    /**
     * The files now in the job's artifacts folder (dot files aside), by name; empty when there is
     * none, or when it is a symbolic link (what it leads to is not the job's to list or serve).
     */
    List<Path> files(String jobId) {
        Path dir = workspace.artifactsDir(jobId);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new WorkspaceIoException("list the artifacts in", dir, e);
        }
    }
}
