package io.concierge.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.server.http.ApiError;
import io.concierge.server.http.BodyFields;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/jobs}: create, list and show jobs, change their inputs, their status and validation. */
public final class JobRoutes implements Routes {
    private final Concierge concierge;
    private final JsonViews jobs;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param jobs      the JSON views
     */
    public JobRoutes(Concierge concierge, JsonViews jobs) {
        this.concierge = concierge;
        this.jobs = jobs;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/jobs", ex -> ex.send(200, jobs.list(concierge.jobs(), jobs::job)))
                .add("POST", "/api/jobs", this::create)
                .add("GET", "/api/jobs/{id}", ex -> ex.send(200, jobs.job(concierge.job(ex.param("id")))))
                .add("PATCH", "/api/jobs/{id}/inputs", this::setInputs)
                .add("GET", "/api/jobs/{id}/status", ex -> ex.send(200, jobs.status(concierge.status(ex.param("id")))))
                .add("GET", "/api/jobs/{id}/validate",
                        ex -> ex.send(200, jobs.validation(concierge.validate(ex.param("id")))));
    }

    private void create(Exchange ex) throws IOException {
        ObjectNode body = ex.body();
        BodyFields.onlyKnown(body, "intent_id");
        Job job = concierge.createJob(BodyFields.requiredText(body, "intent_id"));
        ex.setHeader("Location", "/api/jobs/" + JsonViews.segment(job.id()));
        ex.send(201, jobs.job(job));
    }

    private void setInputs(Exchange ex) throws IOException {
        ObjectNode body = ex.body();
        if (body.isEmpty()) {
            throw ApiError.badRequest("give at least one input to change, e.g. {\"message\": \"hello\"}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw ApiError.badRequest("input \"" + field.getKey() + "\" must be text, a number or true/false");
            }
            values.put(field.getKey(), value.isNull() ? "" : value.asText());
        }
        ex.send(200, jobs.job(concierge.setInputs(ex.param("id"), values)));
    }
}
