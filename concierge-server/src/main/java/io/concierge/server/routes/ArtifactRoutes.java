package io.concierge.server.routes;

import io.concierge.api.Concierge;
import io.concierge.api.run.Artifact;
import io.concierge.server.http.ApiError;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/jobs/{id}/artifacts}: list a job's artifacts and download one. A download is
 * served only for a name that is exactly one of the listed artifacts' names; the path never
 * comes from the request (traversal such as {@code ..%2F} is refused before it gets here).
 */
public final class ArtifactRoutes implements Routes {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("log", "text/plain; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("gz", "application/gzip"),
            Map.entry("db", "application/vnd.sqlite3"),
            Map.entry("sqlite", "application/vnd.sqlite3"));

    private final Concierge concierge;
    private final JsonViews views;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param views     the artifact views
     */
    public ArtifactRoutes(Concierge concierge, JsonViews views) {
        this.concierge = concierge;
        this.views = views;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/jobs/{id}/artifacts", ex -> {
            String jobId = concierge.job(ex.param("id")).id();
            ex.send(200, views.list(concierge.artifacts(jobId), a -> views.artifact(jobId, a)));
        }).add("GET", "/api/jobs/{id}/artifacts/{name}", this::download);
    }

    private void download(Exchange ex) throws IOException {
        String jobId = concierge.job(ex.param("id")).id();
        String name = ex.param("name");
        Artifact artifact = concierge.artifacts(jobId).stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow(() -> ApiError.notFound("job " + jobId + " has no artifact named '" + name
                        + "'; list them with GET /api/jobs/" + jobId + "/artifacts"));
        long size = Files.size(artifact.path());
        ex.setHeader("Content-Disposition", "attachment; filename=\"" + asciiName(name)
                + "\"; filename*=UTF-8''" + JsonViews.segment(name));
        ex.setHeader("ETag", "\"" + artifact.sha256() + "\"");
        try (InputStream in = Files.newInputStream(artifact.path());
             OutputStream out = ex.startResponse(200, contentType(name), size)) {
            in.transferTo(out);
        }
    }

    private static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static String asciiName(String name) {
        return name.replaceAll("[^A-Za-z0-9._ -]", "_");
    }
}
