package io.concierge.core.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.job.JobStatus;
import io.concierge.api.trust.KeyRing;
import io.concierge.api.workspace.Finding;
import io.concierge.core.codec.Codecs;
import io.concierge.core.event.EventLog;
import io.concierge.core.store.DocumentKey;
import io.concierge.core.store.DocumentRecords;
import io.concierge.core.store.file.FileStore;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Seals of ended runs: {@code logs/run-<run>.seal}, written by the runner when a run ends and
 * signed with the {@link KeyRing#RUNNER} key. A seal fixes the run's status, its plan, the number
 * of events in its log and the hash of the last one (the head of the log's chain), the hash of
 * {@code manifest.json} for a completed run and the head of the approval log; so a truncated,
 * extended or edited log, a deleted or rewritten manifest and a status written by hand are found.
 */
public final class RunSeals {
    private static final String VERSION = "concierge-seal/1";

    private final FileWorkspace workspace;
    private final EventLog events;
    private final KeyRing keys;
    private final Codecs codecs;
    private final DocumentRecords documents;

    /** Seals with and verifies against {@code keys}, keeping seals in the workspace itself. */
    public RunSeals(FileWorkspace workspace, EventLog events, KeyRing keys) {
        this(workspace, events, keys, new FileStore(workspace).documents());
    }

    /**
     * Seals with and verifies against {@code keys}.
     *
     * @param workspace the workspace (the manifest beside the artifacts)
     * @param events    the event logs sealed
     * @param keys      the runner key
     * @param documents where seals are kept
     */
    public RunSeals(FileWorkspace workspace, EventLog events, KeyRing keys, DocumentRecords documents) {
        this.workspace = workspace;
        this.events = events;
        this.keys = keys;
        this.codecs = workspace.codecs();
        this.documents = documents;
    }

    private static DocumentKey sealKey(String jobId, String runId) {
        return new DocumentKey(DocumentKey.Kind.SEAL, jobId, runId);
    }

    /**
     * What a seal fixes.
     *
     * @param jobId          the job
     * @param runId          the run
     * @param status         how it ended
     * @param planHash       the plan it ran
     * @param events         how many events its log held when it ended
     * @param head           SHA-256 of the log's last event line
     * @param manifestSha256 SHA-256 of {@code manifest.json} as the run left it (empty unless it completed)
     * @param approvalsHead  the chain hash of the approval log's last entry when the run ended
     * @param sealedAt       when
     * @param signature      the runner's signature, base64
     */
    public record Seal(String jobId, String runId, JobStatus status, String planHash, long events, String head,
                       String manifestSha256, String approvalsHead, Instant sealedAt, String signature) {
    }

    /** The seal file of a run. */
    public Path file(String jobId, String runId) {
        return workspace.jobDir(jobId).resolve("logs").resolve("run-" + runId + ".seal");
    }

    private Path manifest(String jobId) {
        return workspace.manifestFile(jobId);
    }

    /** Seals the run as it stands now (its end event written, its manifest too when it completed). */
    public Seal seal(String jobId, String runId, JobStatus status, String planHash, String approvalsHead, Instant at) {
        return seal(jobId, runId, status, planHash, approvalsHead, at, null);
    }

    /** As {@link #seal(String, String, JobStatus, String, String, Instant)}, fenced by the run's lease (or null). */
    public Seal seal(String jobId, String runId, JobStatus status, String planHash, String approvalsHead, Instant at,
                     io.concierge.core.store.Lease fence) {
        requireRunnerKey();
        LogState state = state(jobId, runId);
        String manifestHash = status == JobStatus.COMPLETED ? fileHash(manifest(jobId)) : "";
        Seal unsigned = new Seal(jobId, runId, status, planHash, state.count, state.head, manifestHash, approvalsHead, at, "");
        String signature = Base64.getEncoder().encodeToString(keys.sign(KeyRing.RUNNER, payload(unsigned)));
        Seal seal = new Seal(jobId, runId, status, planHash, state.count, state.head, manifestHash, approvalsHead, at, signature);
        ObjectNode n = codecs.object();
        n.put("job_id", jobId);
        n.put("run_id", runId);
        n.put("status", status.name());
        n.put("plan_hash", planHash);
        n.put("events", state.count);
        n.put("head", state.head);
        n.put("manifest_sha256", manifestHash);
        n.put("approvals_head", approvalsHead);
        n.put("sealed_at", at.toString());
        n.put("signature", signature);
        documents.put(sealKey(jobId, runId), new String(codecs.writePrettyJson(n), StandardCharsets.UTF_8), fence);
        return seal;
    }

    /**
     * Makes sure runs can be sealed here, before one starts: the runner key is made on first use
     * (and pinned); a runner key pinned without its private key is refused.
     */
    public void requireRunnerKey() {
        if (keys.canSign(KeyRing.RUNNER)) {
            return;
        }
        // Another process may have made the key between the two looks: its trust line is written
        // after its private key, so a key trusted now can sign if its private key is here now.
        if (keys.key(KeyRing.RUNNER).isPresent() && !keys.canSign(KeyRing.RUNNER)) {
            throw new InvalidInputException("the runner key is trusted in " + keys.location()
                    + " but its private key is not there; run jobs where it is kept, or revoke it with: bit key revoke --name runner");
        }
        try {
            keys.generate(KeyRing.RUNNER);
        } catch (InvalidInputException e) {
            if (!keys.canSign(KeyRing.RUNNER)) { // another process made it first: use that one
                throw e;
            }
        }
    }

    private byte[] payload(Seal s) {
        List<String> fields = List.of(VERSION, s.jobId(), s.runId(), s.status().name(), s.planHash(), Long.toString(s.events()),
                s.head(), s.manifestSha256(), s.approvalsHead(), s.sealedAt().toString());
        try {
            return codecs.json().writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The run's seal when it exists, parses and its signature verifies under the pinned runner
     * key; empty otherwise (see {@link #check} for why).
     */
    public Optional<Seal> verified(String jobId, String runId) {
        try {
            Seal seal = read(jobId, runId);
            return seal != null && signatureHolds(seal) ? Optional.of(seal) : Optional.empty();
        } catch (ConciergeException e) {
            return Optional.empty();
        }
    }

    private Seal read(String jobId, String runId) {
        Optional<String> text = documents.get(sealKey(jobId, runId));
        if (text.isEmpty()) {
            return null;
        }
        JsonNode n = codecs.parseJson(text.get().getBytes(StandardCharsets.UTF_8), "run seal logs/run-" + runId + ".seal");
        JobStatus status;
        Instant at;
        try {
            status = JobStatus.valueOf(n.path("status").asText());
            at = Instant.parse(n.path("sealed_at").asText());
        } catch (RuntimeException e) {
            return new Seal(jobId, runId, JobStatus.FAILED, "", -1, "", "", "", Instant.EPOCH, "");
        }
        return new Seal(n.path("job_id").asText(), n.path("run_id").asText(), status, n.path("plan_hash").asText(),
                n.path("events").asLong(-1), n.path("head").asText(), n.path("manifest_sha256").asText(),
                n.path("approvals_head").asText(), at, n.path("signature").asText());
    }

    private boolean signatureHolds(Seal seal) {
        try {
            return !seal.signature().isEmpty() && keys.verify(KeyRing.RUNNER, payload(seal), CanonicalBase64.decode(seal.signature()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Every disagreement between the job's run logs, seals, manifest and approval log (given as
     * the chain hashes of its entries). The newest run has no seal yet while {@code newestRunning}.
     */
    public List<Finding> check(String jobId, List<String> runIds, boolean newestRunning, List<String> approvalChain) {
        List<Finding> findings = new ArrayList<>();
        Seal newest = null;
        Seal newestCompleted = null;
        for (int i = 0; i < runIds.size(); i++) {
            String runId = runIds.get(i);
            String log = "logs/run-" + runId + ".jsonl";
            Seal seal;
            try {
                seal = read(jobId, runId);
            } catch (ConciergeException e) {
                findings.add(new Finding("logs/run-" + runId + ".seal", e.getMessage()));
                continue;
            }
            if (seal == null) {
                if (!(newestRunning && i == runIds.size() - 1)) {
                    findings.add(new Finding(log, "has no seal (its end was removed, it was made by hand, or its runner died before sealing)"));
                }
                continue;
            }
            if (!seal.jobId().equals(jobId) || !seal.runId().equals(runId) || !signatureHolds(seal)) {
                findings.add(new Finding("logs/run-" + runId + ".seal", "is not signed by the runner key trusted in " + keys.location()
                        + " for this run (forged, edited, or sealed on a machine whose runner key is not pinned here)"));
                continue;
            }
            if (!events.logNames(jobId).contains(EventLog.runLogName(runId))) {
                findings.add(new Finding(log, "was deleted after the run (its seal remains)"));
            } else {
                LogState state = state(jobId, runId);
                if (state.count != seal.events()) {
                    findings.add(new Finding(log, "holds " + state.count + " events but was sealed with " + seal.events()
                            + " (lines were removed or added after the run)"));
                } else if (!state.head.equals(seal.head())) {
                    findings.add(new Finding(log, "its last event is not the one sealed (edited or replaced after the run)"));
                }
            }
            if (seal.status() == JobStatus.COMPLETED) {
                newestCompleted = seal;
            }
            newest = seal;
        }
        if (newest != null && !newest.approvalsHead().isEmpty() && !approvalChain.contains(newest.approvalsHead())) {
            findings.add(new Finding("job.yaml:approval_log", "no longer holds the decision run " + newest.runId()
                    + " was sealed with (decisions were removed or rewritten after the run)"));
        }
        Path manifest = manifest(jobId);
        if (newestCompleted != null) {
            if (!Files.exists(manifest)) {
                findings.add(new Finding("manifest.json", "was deleted after run " + newestCompleted.runId() + " completed"));
            } else if (!fileHash(manifest).equals(newestCompleted.manifestSha256())) {
                findings.add(new Finding("manifest.json", "is not the manifest run " + newestCompleted.runId() + " sealed (rewritten after the run)"));
            }
        } else if (Files.exists(manifest)) {
            findings.add(new Finding("manifest.json", "no sealed, completed run vouches for it"));
        }
        for (String sealed : sealedRunIds(jobId)) {
            if (!runIds.contains(sealed)) {
                findings.add(new Finding("logs/run-" + sealed + ".jsonl", "was deleted after the run (its seal remains)"));
            }
        }
        return findings;
    }

    private List<String> sealedRunIds(String jobId) {
        return documents.names(DocumentKey.Kind.SEAL, jobId);
    }

    /** How many well-formed events a log holds and the SHA-256 of the last one. */
    private record LogState(long count, String head) {
    }

    private LogState state(String jobId, String runId) {
        List<String> lines = events.lines(jobId, EventLog.runLogName(runId));
        long count = 0;
        String last = "";
        for (String line : lines) {
            if (events.parse(line).isPresent()) {
                count++;
                last = line;
            }
        }
        return new LogState(count, last.isEmpty() ? "" : Codecs.sha256(last.getBytes(StandardCharsets.UTF_8)));
    }

    private static String fileHash(Path file) {
        try {
            return Files.exists(file) ? Codecs.sha256(file) : "";
        } catch (IOException e) {
            throw new WorkspaceIoException("hash", file, e);
        }
    }
}
