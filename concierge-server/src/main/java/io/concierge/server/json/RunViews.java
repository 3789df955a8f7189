package io.concierge.server.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.event.Event;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** JSON views of runs: status reports, events and artifacts. */
public final class RunViews {
    private final Json json;

    /**
     * Creates the views.
     *
     * @param json the codec
     */
    public RunViews(Json json) {
        this.json = json;
    }

    /**
     * A status report.
     *
     * @param report the report
     * @return its view
     */
    public ObjectNode status(StatusReport report) {
        ObjectNode node = json.object()
                .put("job_id", report.job().id())
                .put("status", report.job().status().name())
                .put("interrupted", report.interrupted());
        if (report.lastRun().isPresent()) {
            node.set("last_run", run(report.lastRun().get()));
        } else {
            node.putNull("last_run");
        }
        ArrayNode steps = node.putArray("steps");
        report.steps().forEach(s -> steps.add(step(s)));
        return node;
    }

    /**
     * A run.
     *
     * @param run the run
     * @return its view
     */
    public ObjectNode run(Run run) {
        return json.object()
                .put("id", run.id())
                .put("job_id", run.jobId())
                .put("plan_id", run.planId())
                .put("status", run.status().name())
                .put("started_at", Json.time(run.startedAt()))
                .put("ended_at", Json.time(run.endedAt()))
                .put("error", run.error());
    }

    /**
     * One step's state in the latest run.
     *
     * @param step the state
     * @return its view
     */
    public ObjectNode step(StepState step) {
        ObjectNode node = json.object()
                .put("step_id", step.stepId())
                .put("state", step.state())
                .put("attempts", step.attempts());
        if (step.duration() >= 0) {
            node.put("duration", step.duration());
        } else {
            node.putNull("duration");
        }
        return node.put("error", step.error());
    }

    /**
     * An event, with the fields of its log line.
     *
     * @param event the event
     * @return its view
     */
    public ObjectNode event(Event event) {
        ObjectNode node = json.object()
                .put("timestamp", Json.time(event.timestamp()))
                .put("type", event.type())
                .put("job_id", event.jobId())
                .put("run_id", event.runId());
        node.set("payload", json.tree(event.payload()));
        return node;
    }

    /**
     * Events, in the order given.
     *
     * @param events the events
     * @return the array
     */
    public ArrayNode events(List<Event> events) {
        ArrayNode array = json.array();
        events.forEach(e -> array.add(event(e)));
        return array;
    }

    /**
     * An artifact with its download URL (the file's path stays on the server).
     *
     * @param jobId    the job's full id
     * @param artifact the artifact
     * @return its view
     */
    public ObjectNode artifact(String jobId, Artifact artifact) {
        return json.object()
                .put("name", artifact.name())
                .put("size", artifact.size())
                .put("sha256", artifact.sha256())
                .put("url", "/api/jobs/" + segment(jobId) + "/artifacts/" + segment(artifact.name()));
    }

    /**
     * Artifacts, in the order given.
     *
     * @param jobId     the job's full id
     * @param artifacts the artifacts
     * @return the array
     */
    public ArrayNode artifacts(String jobId, List<Artifact> artifacts) {
        ArrayNode array = json.array();
        artifacts.forEach(a -> array.add(artifact(jobId, a)));
        return array;
    }

    /**
     * Percent-encodes one path segment.
     *
     * @param text the segment
     * @return the encoded segment
     */
    public static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
