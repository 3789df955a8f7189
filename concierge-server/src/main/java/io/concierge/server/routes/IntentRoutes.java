package io.concierge.server.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.api.intent.Intent;
import io.concierge.server.http.BodyFields;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;
import java.io.IOException;

/** {@code /api/intents}: synthesize a sentence, list and show intents. */
public final class IntentRoutes implements Routes {
    private final Concierge concierge;
    private final JsonViews views;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param views     the intent views
     */
    public IntentRoutes(Concierge concierge, JsonViews views) {
        this.concierge = concierge;
        this.views = views;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/intents", ex -> ex.send(200, views.list(concierge.intents(), views::intent)))
                .add("POST", "/api/intents", this::synthesize)
                .add("GET", "/api/intents/{id}", ex -> ex.send(200, views.intent(concierge.intent(ex.param("id")))));
    }

    private void synthesize(Exchange ex) throws IOException {
        ObjectNode body = ex.body();
        BodyFields.onlyKnown(body, "text");
        Intent intent = concierge.synthesize(BodyFields.requiredText(body, "text"));
        ex.setHeader("Location", "/api/intents/" + JsonViews.segment(intent.id()));
        ex.send(201, views.intent(intent));
    }
}
