package io.concierge.server.routes;

import io.concierge.api.Concierge;
import io.concierge.api.plan.Plan;
import io.concierge.server.http.BodyFields;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;
import java.io.IOException;

/** {@code /api/jobs/{id}/plan}: make a plan, show the current one and all of them. */
public final class PlanRoutes implements Routes {
    private final Concierge concierge;
    private final JsonViews views;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param views     the plan views
     */
    public PlanRoutes(Concierge concierge, JsonViews views) {
        this.concierge = concierge;
        this.views = views;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/api/jobs/{id}/plan", this::generate)
                .add("GET", "/api/jobs/{id}/plans", ex -> ex.send(200, views.list(concierge.plans(ex.param("id")), views::plan)))
                .add("GET", "/api/jobs/{id}/plan", ex -> ex.send(200, views.plan(concierge.plan(ex.param("id"), null))));
    }

    private void generate(Exchange ex) throws IOException {
        BodyFields.onlyKnown(ex.body());
        Plan plan = concierge.generatePlan(ex.param("id"));
        ex.setHeader("Location", "/api/jobs/" + JsonViews.segment(plan.jobId()) + "/plan");
        ex.send(201, views.plan(plan));
    }
}
