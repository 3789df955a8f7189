package io.concierge.server.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One method and path template, such as {@code GET /api/jobs/{id}/artifacts/{name}}, and its
 * handler. A {@code {name}} segment matches any one decoded segment.
 *
 * @param method   the HTTP method, upper case
 * @param template the path template, OpenAPI style
 * @param handler  what answers it
 */
public record Route(String method, String template, Handler handler) {
    /**
     * Validates.
     *
     * @param method   the HTTP method, upper case
     * @param template the path template, OpenAPI style
     * @param handler  what answers it
     */
    public Route {
        Objects.requireNonNull(method, "method");
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
