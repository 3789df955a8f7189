package io.concierge.server.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.server.http.ApiError;
import io.concierge.server.http.BodyFields;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /api/jobs/{id}/approve} and {@code /deny}. When the server uses tokens, the decision is
 * recorded under the token's approver name and any {@code by} in the body is ignored; without
 * tokens {@code by} names the approver (the workspace's default approver when absent). An
 * approval may name the {@code plan_hash} the approver was shown; if the job's plan is another
 * one by now, it is refused (409 {@code plan_changed}) instead of approving what nobody saw.
 */
public final class ApprovalRoutes implements Routes {
    private final Concierge concierge;
    private final JsonViews views;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param views     the job views
     */
    public ApprovalRoutes(Concierge concierge, JsonViews views) {
        this.concierge = concierge;
        this.views = views;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/api/jobs/{id}/approve", this::approve)
                .add("POST", "/api/jobs/{id}/deny", this::deny);
    }

    private void approve(Exchange ex) throws IOException {
        ObjectNode body = ex.body();
        BodyFields.onlyKnown(body, "by", "note", "plan_hash");
        String note = BodyFields.text(body, "note").orElse("");
        Optional<String> seen = BodyFields.text(body, "plan_hash").filter(h -> !h.isBlank());
        if (seen.isPresent()) {
            // the approver saw this plan: approving another one in their name would be a lie
            io.concierge.api.job.Job job = concierge.job(ex.param("id"));
            if (!seen.get().equals(job.planHash())) {
                throw new ApiError(409, "plan_changed", "the plan of job " + job.id() + " changed since it was shown ("
                        + seen.get() + " is now " + (job.planHash().isEmpty() ? "no plan" : job.planHash())
                        + "); review the current plan and approve again");
            }
        }
        ex.send(200, views.job(concierge.approve(ex.param("id"), approver(ex, body), note)));
    }

    private void deny(Exchange ex) throws IOException {
        ObjectNode body = ex.body();
        BodyFields.onlyKnown(body, "by", "reason");
        String reason = BodyFields.requiredText(body, "reason");
        ex.send(200, views.job(concierge.deny(ex.param("id"), approver(ex, body), reason)));
    }

    /** The token's approver when tokens are in use, else the body's {@code by} (null for the default). */
    static String approver(Exchange ex, ObjectNode body) {
        if (ex.principal().isPresent()) {
            return ex.principal().get();
        }
        return BodyFields.text(body, "by").filter(by -> !by.isBlank()).map(String::strip).orElse(null);
    }
}
