package io.concierge.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.job.Job;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.core.codec.Codecs;
import io.concierge.core.store.DocumentKey;
import io.concierge.core.store.Store;
import io.concierge.core.store.file.FileStore;
import io.concierge.core.workspace.FileWorkspace;
import io.concierge.core.workspace.IdPrefixes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans as {@code jobs/<job>/plans/<plan>.yaml}. Besides the plan, the file keeps the job spec
 * it was made from ({@code spec:}), so a later change to {@code job.yaml} can be named field by
 * field. The plan's hash covers the whole file except the {@code hash} line itself.
 */
public final class PlanFiles {
    private final FileWorkspace workspace;
    private final Codecs codecs;
    private final Store store;

    /** Creates the plan files of {@code workspace}, kept in the workspace itself. */
    public PlanFiles(FileWorkspace workspace) {
        this(workspace, new FileStore(workspace));
    }

    /**
     * Creates the plans of {@code workspace}, kept in {@code store}.
     *
     * @param workspace the workspace
     * @param store     where the plans are
     */
    public PlanFiles(FileWorkspace workspace, Store store) {
        this.workspace = workspace;
        this.codecs = workspace.codecs();
        this.store = store;
    }

    private static DocumentKey key(String jobId, String planId) {
        return new DocumentKey(DocumentKey.Kind.PLAN, IdPrefixes.requireSafe(jobId, "job"), IdPrefixes.requireSafe(planId, "plan"));
    }

    /** Where a plan is kept, for messages. */
    private String source(String jobId, String planId) {
        return store.kind().equals("file") ? "plan file " + file(jobId, planId)
                : "plan " + planId + " of job " + jobId + " in " + store.location();
    }

    /** The canonical job spec: what an approval vouches for besides the plan. */
    public ObjectNode spec(Job job) {
        ObjectNode spec = codecs.object();
        spec.put("intent_id", job.intentId());
        spec.put("intent", job.intentText());
        spec.put("package", job.packageId());
        spec.put("package_version", job.packageVersion());
        ObjectNode inputs = spec.putObject("inputs");
        job.inputs().forEach(inputs::put);
        if (!job.createdBy().isEmpty()) {
            // Jobs that record their creator have who, when and how well it matched covered too
            // (and so signed by every approval); older jobs keep their old spec and its hash.
            spec.put("created_by", job.createdBy());
            spec.put("created_at", job.createdAt().toString());
            spec.put("confidence", job.confidence());
        }
        return spec;
    }

    /** The tree with scalars as text, as hashes see it. */
    public JsonNode textual(JsonNode node) {
        return codecs.textual(node);
    }

    /** The hash of the job's spec. */
    public String specHash(Job job) {
        return codecs.textHash(spec(job));
    }

    /** The plan's tree, with its hash filled in. */
    public ObjectNode tree(Plan plan, ObjectNode spec) {
        ObjectNode n = codecs.object();
        n.put("id", plan.id());
        n.put("job_id", plan.jobId());
        n.put("package", plan.packageId());
        n.put("package_version", plan.packageVersion());
        n.put("package_hash", plan.packageHash());
        n.put("spec_hash", plan.specHash());
        n.put("confidence", plan.confidence());
        n.put("created_at", plan.createdAt().toString());
        n.set("spec", spec);
        ObjectNode inputs = n.putObject("inputs");
        plan.inputs().forEach(inputs::put);
        ArrayNode steps = n.putArray("steps");
        for (Step s : plan.steps()) {
            ObjectNode step = steps.addObject();
            step.put("id", s.id());
            step.put("worker", s.worker());
            step.put("version", s.workerVersion());
            ObjectNode in = step.putObject("inputs");
            s.inputs().forEach(in::put);
            ObjectNode params = step.putObject("params");
            s.params().forEach(params::put);
            if (s.continueOnFailure()) {
                step.put("on_failure", "continue");
            }
        }
        ObjectNode outputs = n.putObject("outputs");
        plan.outputs().forEach(outputs::put);
        n.put("approval_required", plan.approvalRequired());
        n.put("max_retries", plan.maxRetries());
        if (!plan.retryOn().isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode retryOn = n.putArray("retry_on");
            plan.retryOn().forEach(retryOn::add);
        }
        n.put("timeout_seconds", plan.timeoutSeconds());
        n.put("hash", codecs.textHash(n));
        return n;
    }

    /** Writes the plan; returns it with its hash. */
    public Plan write(Plan plan, ObjectNode spec) {
        ObjectNode tree = tree(plan, spec);
        store.documents().put(key(plan.jobId(), plan.id()),
                new String(codecs.writeYaml(tree), java.nio.charset.StandardCharsets.UTF_8), null);
        return withHash(plan, tree.get("hash").asText());
    }

    /** {@code jobs/<job>/plans/<plan>.yaml}. */
    public Path file(String jobId, String planId) {
        return workspace.jobDir(jobId).resolve("plans").resolve(IdPrefixes.requireSafe(planId, "plan") + ".yaml");
    }

    /** The job's plan ids, oldest first. */
    public List<String> ids(String jobId) {
        return store.documents().names(DocumentKey.Kind.PLAN, IdPrefixes.requireSafe(jobId, "job")).stream()
                .filter(name -> name.startsWith("p_") && name.length() > 2).toList();
    }

    /** The stored tree of a plan, as written. */
    public JsonNode readTree(String jobId, String planId) {
        String text = store.documents().get(key(jobId, planId))
                .orElseThrow(() -> new io.concierge.api.failure.NotFoundException(source(jobId, planId) + " does not exist"));
        return codecs.parseYaml(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), source(jobId, planId));
    }

    /** The hash the plan file's content has now (not the one written in it). */
    public String recomputeHash(JsonNode tree) {
        ObjectNode copy = tree.deepCopy();
        copy.remove("hash");
        return codecs.textHash(copy);
    }

    /** Reads a plan. */
    public Plan read(String jobId, String planId) {
        JsonNode n = readTree(jobId, planId);
        try {
            List<Step> steps = new ArrayList<>();
            for (JsonNode s : n.path("steps")) {
                steps.add(new Step(s.path("id").asText(), s.path("worker").asText(), s.path("version").asText(""),
                        map(s.path("inputs")), map(s.path("params")), "continue".equals(s.path("on_failure").asText())));
            }
            return new Plan(n.path("id").asText(), n.path("job_id").asText(), n.path("package").asText(),
                    n.path("package_version").asText(), n.path("package_hash").asText(), n.path("spec_hash").asText(),
                    n.path("confidence").asDouble(), Instant.parse(n.path("created_at").asText()), map(n.path("inputs")),
                    steps, map(n.path("outputs")), n.path("approval_required").asBoolean(true),
                    n.path("max_retries").asInt(0), strings(n.path("retry_on")), n.path("timeout_seconds").asLong(0),
                    n.path("hash").asText());
        } catch (RuntimeException e) {
            throw new InvalidWorkspaceException(source(jobId, planId) + " is malformed (" + e.getMessage()
                    + "); generate a new plan with: bit plan generate --job-id " + jobId, e);
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> list = new ArrayList<>();
        node.forEach(v -> list.add(v.asText()));
        return list;
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
        return map;
    }

    private static Plan withHash(Plan p, String hash) {
        return new Plan(p.id(), p.jobId(), p.packageId(), p.packageVersion(), p.packageHash(), p.specHash(),
                p.confidence(), p.createdAt(), p.inputs(), p.steps(), p.outputs(), p.approvalRequired(), p.maxRetries(),
                p.retryOn(), p.timeoutSeconds(), hash);
    }
}
