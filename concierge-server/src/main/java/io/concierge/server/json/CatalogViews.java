package io.concierge.server.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.pkg.VerificationRule;
import java.util.List;

/** JSON views of intents and task packages. */
public final class CatalogViews {
    private final Json json;
    private final JobViews jobs;

    /**
     * Creates the views.
     *
     * @param json the codec
     * @param jobs the job views (for plan steps)
     */
    public CatalogViews(Json json, JobViews jobs) {
        this.json = json;
        this.jobs = jobs;
    }

    /**
     * An intent.
     *
     * @param intent the intent
     * @return its view
     */
    public ObjectNode intent(Intent intent) {
        ObjectNode node = json.object()
                .put("id", intent.id())
                .put("short_id", intent.shortId())
                .put("text", intent.text())
                .put("distilled", intent.distilled())
                .put("verb", intent.verb());
        node.set("keywords", json.strings(intent.keywords()));
        node.set("files", json.strings(intent.files()));
        ArrayNode quantities = node.putArray("quantities");
        for (Quantity q : intent.quantities()) {
            quantities.addObject().put("value", q.value()).put("unit", q.unit()).put("text", q.toString());
        }
        node.set("formats", json.strings(intent.formats()));
        node.set("success_criteria", json.strings(intent.successCriteria()));
        node.set("constraints", json.strings(intent.constraints()));
        node.put("synthesized_at", Json.time(intent.synthesizedAt()));
        return node;
    }

    /**
     * Intents, in the order given.
     *
     * @param intents the intents
     * @return the array
     */
    public ArrayNode intents(List<Intent> intents) {
        ArrayNode array = json.array();
        intents.forEach(i -> array.add(intent(i)));
        return array;
    }

    /**
     * A task package.
     *
     * @param pkg the package
     * @return its view
     */
    public ObjectNode taskPackage(TaskPackage pkg) {
        ObjectNode node = json.object()
                .put("id", pkg.id())
                .put("version", pkg.version())
                .put("ref", pkg.ref())
                .put("name", pkg.name())
                .put("description", pkg.description());
        ObjectNode vocabulary = node.putObject("vocabulary");
        if (pkg.vocabulary() != null) {
            vocabulary.set("verbs", json.strings(pkg.vocabulary().verbs()));
            vocabulary.set("keywords", json.strings(pkg.vocabulary().keywords()));
            vocabulary.set("extensions", json.strings(pkg.vocabulary().extensions()));
            vocabulary.set("formats", json.strings(pkg.vocabulary().formats()));
        }
        ArrayNode inputs = node.putArray("inputs");
        for (InputSpec spec : pkg.inputs()) {
            ObjectNode input = inputs.addObject()
                    .put("name", spec.name())
                    .put("type", spec.type().word())
                    .put("required", spec.required())
                    .put("default", spec.defaultValue())
                    .put("unit", spec.unit());
            input.set("choices", json.strings(spec.choices()));
            input.set("extensions", json.strings(spec.extensions()));
            input.put("fill", spec.fill()).put("description", spec.description());
        }
        ArrayNode steps = node.putArray("steps");
        pkg.steps().forEach(step -> steps.add(jobs.step(step)));
        node.set("outputs", json.strings(pkg.outputs()));
        node.put("approval_required", pkg.approvalRequired())
                .put("required_approvals", pkg.requiredApprovals())
                .put("auto_approve", pkg.autoApprove())
                .put("max_retries", pkg.maxRetries())
                .put("timeout_seconds", pkg.timeoutSeconds());
        ArrayNode verification = node.putArray("verification");
        for (VerificationRule rule : pkg.verification()) {
            verification.addObject().put("output", rule.output()).put("rule", rule.rule()).put("value", rule.value());
        }
        node.set("resources", json.strings(pkg.resources()));
        node.put("origin", pkg.origin()).put("hash", pkg.hash());
        return node;
    }

    /**
     * Task packages, in the order given.
     *
     * @param packages the packages
     * @return the array
     */
    public ArrayNode packages(List<TaskPackage> packages) {
        ArrayNode array = json.array();
        packages.forEach(p -> array.add(taskPackage(p)));
        return array;
    }
}
