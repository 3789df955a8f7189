package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.testkit.TestConcierge;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /openapi.json describes exactly the routes the server serves, and its references resolve. */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
    private static final Pattern REF = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/([^\"]+)\"");

    private TestConcierge concierge;
    private ConciergeServer server;
    private JsonNode document;
    private String text;

    @BeforeEach
    void start() {
        concierge = TestConcierge.open();
        server = ConciergeServer.start(concierge, ServerOptions.defaults());
        ApiClient.Response response = new ApiClient(server.url()).get("/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        text = response.body();
        document = response.json();
    }

    @AfterEach
    void stop() {
        server.close();
        concierge.close();
    }

    @Test
    void everyServedRouteIsDocumentedAndNothingElse() {
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (METHODS.contains(operation.getKey())) {
                    documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        assertThat(server.routes()).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(24);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(server.routes());
    }

    @Test
    void everyOperationSaysWhatItAnswersAndNamesItsPathParameters() {
        assertThat(document.get("openapi").asText()).startsWith("3.0");
        Set<String> operationIds = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String where = op.getKey() + " " + path.getKey();
            assertThat(op.getValue().path("responses").size()).as(where).isPositive();
            assertThat(operationIds.add(op.getValue().path("operationId").asText())).as("unique operationId " + where).isTrue();
            List<String> declared = new ArrayList<>();
            op.getValue().path("parameters").forEach(p -> {
                JsonNode param = p.has("$ref") ? resolve(p.get("$ref").asText()) : p;
                if (param.path("in").asText().equals("path")) {
                    declared.add(param.get("name").asText());
                }
            });
            List<String> inTemplate = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as(where).containsExactlyInAnyOrderElementsOf(inTemplate);
        }));
    }

    @Test
    void everyRouteDocumentsExactlyTheQueryParametersItTakes() {
        server.routeQueries().forEach((route, query) -> {
            String[] parts = route.split(" ", 2);
            JsonNode operation = document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
            Set<String> documented = new TreeSet<>();
            operation.path("parameters").forEach(p -> {
                JsonNode param = p.has("$ref") ? resolve(p.get("$ref").asText()) : p;
                if (param.path("in").asText().equals("query")) {
                    documented.add(param.get("name").asText());
                }
            });
            assertThat(documented).as(route).containsExactlyInAnyOrderElementsOf(query);
        });
        assertThat(server.routeQueries().get("GET /api/jobs")).contains("status", "q", "limit", "cursor");
    }

    @Test
    void everyReferenceResolves() {
        Matcher m = REF.matcher(text);
        int count = 0;
        while (m.find()) {
            assertThat(resolve("#/" + m.group(1)).isMissingNode()).as(m.group(1)).isFalse();
            count++;
        }
        assertThat(count).isPositive();
    }

    private JsonNode resolve(String ref) {
        return document.at(ref.substring(1));
    }
}
