package io.concierge.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.approval.Approval;
import io.concierge.api.approval.ApprovalAction;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.workspace.Finding;
import io.concierge.core.codec.Codecs;
import io.concierge.core.workspace.AtomicFiles;
import io.concierge.api.failure.NotFoundException;
import io.concierge.core.store.JobRecord;
import io.concierge.core.store.JobRecords;
import io.concierge.core.store.Lease;
import io.concierge.core.store.Store;
import io.concierge.core.store.file.FileStore;
import io.concierge.core.workspace.FileWorkspace;
import io.concierge.core.workspace.IdPrefixes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Jobs as {@code jobs/<id>/job.yaml}: a file a person can read and edit (inputs, while the job
 * is DRAFT or PLANNED) and a script can grep ({@code status: COMPLETED}, {@code approval_log:}).
 * Changes go through {@link #update}, which holds the job's lock across read, change and write,
 * and refuses a status change that {@link JobTransition} does not allow.
 */
public final class JobFiles {
    private static final String HEADER = "# Concierge job. Inputs may be edited while the job is DRAFT or PLANNED\n"
            + "# (safest with: bit job set --job-id <id> name=value); then run: bit plan generate --job-id <id>\n";
    private static final Set<String> KEYS = Set.of("id", "intent_id", "intent", "package", "package_version",
            "confidence", "status", "created_at", "updated_at", "inputs", "hashes", "plan_id", "last_run_id",
            "version", "approval_log", "created_by");
    private static final Set<String> APPROVAL_KEYS = Set.of("action", "by", "at", "plan_id", "plan_hash", "note", "prev_hash",
            "spec_hash", "package_hash", "expires_at", "signature");

    private static final java.util.regex.Pattern FOLDER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_]{3,80}");

    private final FileWorkspace workspace;
    private final Codecs codecs;
    private final Store store;
    private final JobRecords records;
    private final JobIndex index;

    /** Creates the job files of {@code workspace}, kept in the workspace itself. */
    public JobFiles(FileWorkspace workspace) {
        this(workspace, new FileStore(workspace));
    }

    /**
     * Creates the jobs of {@code workspace}, kept in {@code store}.
     *
     * @param workspace the workspace (configuration, codecs, the listing index of a file store)
     * @param store     where the job records are
     */
    public JobFiles(FileWorkspace workspace, Store store) {
        this.workspace = workspace;
        this.codecs = workspace.codecs();
        this.store = store;
        this.records = store.jobs();
        // The listing index caches job files by their stamps; other stores answer listings themselves.
        this.index = store.kind().equals("file") ? new JobIndex(workspace, this) : null;
    }

    /** {@code jobs/<id>/job.yaml}. */
    public Path file(String jobId) {
        return workspace.jobDir(IdPrefixes.requireSafe(jobId, "job")).resolve("job.yaml");
    }

    /** Where a job is kept, for messages: its file, or the job in the store. */
    private String source(String jobId) {
        return index != null ? "job file " + file(jobId) : "job " + jobId + " in " + store.location();
    }

    /** Every job id, sorted (which is creation order). */
    public List<String> ids() {
        return records.ids();
    }

    /**
     * Whether {@code id} has the shape of a job id (as a folder of {@code jobs/} must):
     * {@code j_} then letters, digits or {@code _}, 3 to 80 characters in all.
     *
     * @param id the text
     * @return true when it may name a job
     */
    public static boolean isJobId(String id) {
        return id != null && isJobFolderName(id);
    }

    /** Whether a folder of {@code jobs/} with this name is a job's: {@code j_} and letters, digits or {@code _}. */
    static boolean isJobFolderName(String name) {
        return name.startsWith("j_") && FOLDER_NAME.matcher(name).matches();
    }

    /**
     * The index of every job's summary in {@code .concierge/index/}: what listing, counting and
     * paging read instead of every job file.
     *
     * @return the index
     */
    public JobCatalog index() {
        return index != null ? index : new StoreCatalog(this);
    }

    /** The full id for an id or unique prefix. */
    public String resolve(String idOrPrefix) {
        // A whole id is answered without listing: ids() checks every job, a cost that grows with
        // the workspace, and an exact id wins over longer ids it prefixes anyway.
        if (idOrPrefix != null && idOrPrefix.startsWith("j_") && idOrPrefix.length() >= 3
                && IdPrefixes.isSafe(idOrPrefix) && exists(idOrPrefix)) {
            return idOrPrefix;
        }
        // A prefix is looked up in the job index: the ids it names, each checked to still have a job file.
        IdPrefixes.requireSafe(idOrPrefix, "job");
        return IdPrefixes.resolve(index != null ? index.idsStartingWith(idOrPrefix) : ids(), idOrPrefix, "job", "bit job list");
    }

    private boolean exists(String jobId) {
        if (index != null) {
            return Files.exists(file(jobId));
        }
        return records.find(jobId).isPresent();
    }

    /**
     * The jobs that read well, oldest first, and one finding per job file that did not.
     *
     * @param jobs     the readable jobs
     * @param problems {@code jobs/<id>/job.yaml} and what is wrong with it, one per bad file
     */
    public record Listing(List<Job> jobs, List<Finding> problems) {
        /** Copies the lists. */
        public Listing {
            jobs = List.copyOf(jobs);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Every job, oldest first (read through the index of {@code .concierge/} in a file store); a
     * malformed, oversized or unreadable job record is one problem of the listing, not the end of it.
     */
    public Listing readAll() {
        if (index == null) {
            List<Job> jobs = new ArrayList<>();
            List<Finding> problems = new ArrayList<>();
            for (String id : ids()) {
                try {
                    jobs.add(read(id));
                } catch (io.concierge.api.failure.ConciergeException e) {
                    problems.add(new Finding(source(id), e.getMessage()));
                }
            }
            return new Listing(jobs, problems);
        }
        List<Job> all = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        for (JobIndexFile.Entry entry : index.entries()) {
            if (entry.problem() != null) {
                problems.add(JobIndex.finding(entry));
                continue;
            }
            try {
                all.add(read(entry.id()));
            } catch (io.concierge.api.failure.NotFoundException e) {
                // removed since it was listed
            } catch (RuntimeException e) {
                // changed into a bad file since it was listed: the next listing reports it
            }
        }
        return new Listing(all, problems);
    }

    /** Reads a job by exact id. */
    public Job read(String jobId) {
        IdPrefixes.requireSafe(jobId, "job");
        JobRecord record = records.find(jobId)
                .orElseThrow(() -> new NotFoundException(source(jobId) + " does not exist"));
        return parse(record);
    }

    private Job parse(JobRecord record) {
        String source = source(record.id());
        JsonNode node = codecs.parseYaml(record.content().getBytes(StandardCharsets.UTF_8), source);
        return fromTree(node, source, record.id());
    }

    /** Writes a new job; fails if it exists. */
    public void create(Job job) {
        try {
            records.create(record(job));
        } catch (IllegalStateException e) {
            throw new InvalidWorkspaceException("job " + job.id() + " already exists (" + source(job.id())
                    + "); another process made a job with the same id: create the job again");
        }
    }

    /** Writes {@code job.yaml} as given, bypassing the version check (file store only: for tools and tests). */
    public void write(Job job) {
        AtomicFiles.write(file(job.id()), bytes(job));
    }

    /** The bytes {@code job.yaml} would have for this job. */
    public byte[] bytes(Job job) {
        byte[] body = codecs.writeYaml(toTree(job));
        byte[] header = HEADER.replace("<id>", job.id()).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        return all;
    }

    /** The record a store keeps for this job. */
    private JobRecord record(Job job) {
        return new JobRecord(job.id(), job.version(), job.status().name(), job.packageId() + "@" + job.packageVersion(),
                job.createdAt(), job.updatedAt(), new String(bytes(job), StandardCharsets.UTF_8));
    }

    /**
     * Reads, changes and writes a job atomically, so concurrent processes never lose an update.
     * The change sees the freshest record; its result is written with the next version.
     */
    public Job update(String jobId, UnaryOperator<Job> change) {
        return update(jobId, null, change);
    }

    /**
     * As {@link #update(String, UnaryOperator)}, refused once {@code fence} is no longer the job's
     * current lease (a runner that lost its job to another agent writes nothing).
     *
     * @param jobId  the job
     * @param fence  the lease the caller runs the job under, or null
     * @param change from the current job to the new one
     * @return the job now stored
     */
    public Job update(String jobId, Lease fence, UnaryOperator<Job> change) {
        IdPrefixes.requireSafe(jobId, "job");
        Job[] result = new Job[1];
        records.update(jobId, fence, stored -> {
            Job current = parse(stored);
            Job next = change.apply(current);
            if (next == current) {
                result[0] = current;
                return stored;
            }
            if (next.status() != current.status()) {
                JobTransition.check(jobId, current.status(), next.status());
            }
            Job versioned = next.toBuilder().version(stored.version() + 1).build();
            result[0] = versioned;
            return record(versioned);
        });
        return result[0];
    }

    /** The job as the tree {@code job.yaml} holds. */
    public ObjectNode toTree(Job job) {
        ObjectNode n = codecs.object();
        n.put("id", job.id());
        n.put("intent_id", job.intentId());
        n.put("intent", job.intentText());
        n.put("package", job.packageId());
        n.put("package_version", job.packageVersion());
        n.put("confidence", job.confidence());
        n.put("status", job.status().name());
        n.put("created_at", job.createdAt().toString());
        if (!job.createdBy().isEmpty()) {
            n.put("created_by", job.createdBy());
        }
        n.put("updated_at", job.updatedAt().toString());
        ObjectNode inputs = n.putObject("inputs");
        job.inputs().forEach(inputs::put);
        ObjectNode hashes = n.putObject("hashes");
        hashes.put("spec", job.specHash());
        hashes.put("plan", job.planHash());
        n.put("plan_id", job.planId());
        n.put("last_run_id", job.lastRunId());
        n.put("version", job.version());
        ArrayNode log = n.putArray("approval_log");
        for (Approval a : job.approvalLog()) {
            ObjectNode e = log.addObject();
            entry(e, a);
        }
        return n;
    }

    /** The fields of one approval-log entry, in the order {@code grep -A5 approval_log:} shows them best. */
    private static void entry(ObjectNode e, Approval a) {
        e.put("action", a.action().word());
        e.put("by", a.by());
        e.put("at", a.at().toString());
        e.put("note", a.note());
        e.put("plan_id", a.planId());
        e.put("plan_hash", a.planHash());
        e.put("prev_hash", a.prevHash());
        // Signed entries carry what was signed; entries made before signing keep their old shape (and chain hash).
        if (!a.specHash().isEmpty() || !a.signature().isEmpty()) {
            e.put("spec_hash", a.specHash());
            e.put("package_hash", a.packageHash());
            e.put("expires_at", a.expiresAt().map(Object::toString).orElse(""));
            e.put("signature", a.signature());
        }
    }

    /** The hash the entry after {@code a} must carry: SHA-256 of {@code a}'s fields as text. */
    public String entryHash(Approval a) {
        ObjectNode e = codecs.object();
        entry(e, a);
        return codecs.textHash(e);
    }

    /** Links {@code next} to the end of the job's log. */
    public Approval link(Job job, Approval next) {
        String prev = job.lastDecision().map(this::entryHash).orElse("");
        return new Approval(next.action(), next.by(), next.at(), next.planId(), next.planHash(), next.note(), prev,
                next.specHash(), next.packageHash(), next.expiresAt(), next.signature());
    }

    /** Positions in the approval log whose {@code prev_hash} does not match the entry before. */
    public List<Integer> brokenLinks(Job job) {
        List<Integer> broken = new ArrayList<>();
        String expected = "";
        for (int i = 0; i < job.approvalLog().size(); i++) {
            Approval a = job.approvalLog().get(i);
            if (!a.prevHash().equals(expected)) {
                broken.add(i);
            }
            expected = entryHash(a);
        }
        return broken;
    }

    /** The job a tree of {@code job.yaml} holds; fails naming {@code file} and the field. */
    public static Job fromTree(JsonNode n, Path file, String expectedId) {
        return fromTree(n, "job file " + file, expectedId);
    }

    /** The job a tree of {@code job.yaml} holds; fails naming {@code file} (where it was read) and the field. */
    public static Job fromTree(JsonNode n, String file, String expectedId) {
        if (!n.isObject()) {
            throw bad(file, "the file", "must be a mapping of fields (id, status, inputs, ...)");
        }
        n.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw bad(file, key, "is not a job field (fields: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        });
        String id = text(n, "id", file, true);
        if (!id.equals(expectedId)) {
            throw bad(file, "id", "is '" + id + "' but the folder is " + expectedId);
        }
        JobStatus status;
        String statusText = text(n, "status", file, true);
        try {
            status = JobStatus.valueOf(statusText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(file, "status", "'" + statusText + "' is not one of " + Arrays.toString(JobStatus.values()));
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        JsonNode inputNode = n.path("inputs");
        if (!inputNode.isMissingNode() && !inputNode.isNull()) {
            if (!inputNode.isObject()) {
                throw bad(file, "inputs", "must be a mapping with one 'name: value' line per input");
            }
            inputNode.fields().forEachRemaining(f -> {
                JsonNode v = f.getValue();
                if (!v.isValueNode()) {
                    throw bad(file, "inputs." + f.getKey(), "must be a single value, not a list or mapping");
                }
                inputs.put(f.getKey(), v.isNull() ? "" : v.asText());
            });
        }
        List<Approval> log = new ArrayList<>();
        JsonNode logNode = n.path("approval_log");
        if (!logNode.isMissingNode() && !logNode.isNull()) {
            if (!logNode.isArray()) {
                throw bad(file, "approval_log", "must be a list of entries");
            }
            for (int i = 0; i < logNode.size(); i++) {
                JsonNode e = logNode.get(i);
                String at = "approval_log[" + i + "]";
                if (!e.isObject()) {
                    throw bad(file, at, "must be a mapping with action, by, at, plan_id, plan_hash, note");
                }
                e.fieldNames().forEachRemaining(key -> {
                    if (!APPROVAL_KEYS.contains(key)) {
                        throw bad(file, at + "." + key, "is not an approval field");
                    }
                });
                ApprovalAction action;
                String word = text(e, "action", file, true);
                try {
                    action = ApprovalAction.valueOf(word.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw bad(file, at + ".action", "'" + word + "' is not approved or denied");
                }
                String expires = text(e, "expires_at", file, false);
                log.add(new Approval(action, text(e, "by", file, true), instant(e, "at", file),
                        text(e, "plan_id", file, true), text(e, "plan_hash", file, true), text(e, "note", file, false),
                        text(e, "prev_hash", file, false), text(e, "spec_hash", file, false),
                        text(e, "package_hash", file, false),
                        expires.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(instant(e, "expires_at", file)),
                        text(e, "signature", file, false)));
            }
        }
        JsonNode hashes = n.path("hashes");
        double confidence = n.path("confidence").asDouble(0);
        long version = n.path("version").asLong(0);
        return new Job(id, text(n, "intent_id", file, true), text(n, "intent", file, true),
                text(n, "package", file, true), text(n, "package_version", file, true), confidence, status, inputs,
                instant(n, "created_at", file), instant(n, "updated_at", file), hashes.path("spec").asText(""),
                text(n, "plan_id", file, false), hashes.path("plan").asText(""), text(n, "last_run_id", file, false),
                log, version, text(n, "created_by", file, false));
    }

    private static String text(JsonNode n, String key, String file, boolean required) {
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw bad(file, key, "is missing");
            }
            return "";
        }
        if (!v.isValueNode()) {
            throw bad(file, key, "must be a single value");
        }
        return v.asText();
    }

    private static Instant instant(JsonNode n, String key, String file) {
        String text = text(n, key, file, true);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(file, key, "'" + text + "' is not a UTC time like 2026-11-25T13:00:00Z");
        }
    }

    private static InvalidWorkspaceException bad(String file, String field, String problem) {
        return new InvalidWorkspaceException(file + ": " + field + " " + problem
                + "; fix the file or restore it");
    }
}
