package io.concierge.server.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One method and path template, such as {@code GET /api/jobs/{id}/artifacts/{name}}, and its
 * handler. A {@code {name}} segment matches any one decoded segment.
 *
 * <p>A route names the query parameters it reads; a request with any other is refused (400)
 * rather than having it silently ignored, and {@code /openapi.json} must list exactly these.
 *
 * @param method   the HTTP method, upper case
 * @param template the path template, OpenAPI style
 * @param query    the query parameters it accepts
 * @param handler  what answers it
 */
public record Route(String method, String template, Set<String> query, Handler handler) {
    /**
     * Validates.
     *
     * @param method   the HTTP method, upper case
     * @param template the path template, OpenAPI style
     * @param query    the query parameters it accepts
     * @param handler  what answers it
     */
    public Route {
        Objects.requireNonNull(method, "method");
        query = Set.copyOf(query);
        Objects.requireNonNull(handler, "handler");
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with '/': " + template);
        }
    }

    /**
     * The template's segments.
     *
     * @return the segments, without the leading empty one
     */
    public List<String> segments() {
        return template.equals("/") ? List.of() : Arrays.asList(template.substring(1).split("/"));
    }

    /**
     * Matches decoded path segments against the template.
     *
     * @param path the decoded path segments
     * @return the path parameters by name, or empty when the path does not fit
     */
    public Optional<Map<String, String>> match(List<String> path) {
        List<String> parts = segments();
        if (parts.size() != path.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                params.put(part.substring(1, part.length() - 1), path.get(i));
            } else if (!part.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** As the OpenAPI test and the logs show it: {@code GET /api/jobs/{id}}. */
    @Override
    public String toString() {
        return method + " " + template;
    }
}
