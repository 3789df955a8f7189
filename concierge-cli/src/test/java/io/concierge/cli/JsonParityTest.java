package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.server.ConciergeServer;
import io.concierge.server.ServerOptions;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bit --json} and the HTTP API print the same JSON for the same records. */
class JsonParityTest {
    @TempDir
    Path home;

    @Test
    void jobPlanStatusAndPackageAreTheSameOnBothSides() throws Exception {
        CliWorkspace ws = new CliWorkspace(home);
        String jobId = ws.approvedJob("Echo hello parity");
        ws.ok("run", "--job-id", jobId);

        JsonNode job = ws.json("job", "show", "--job-id", jobId);
        JsonNode plan = ws.json("plan", "show", "--job-id", jobId);
        JsonNode status = ws.json("status", "--job-id", jobId);
        JsonNode pkg = ws.json("package", "show", "--id", job.get("package_ref").asText());
        JsonNode artifacts = ws.json("artifacts", "--job-id", jobId);

        assertThat(job.get("inputs").get("fail").isBoolean()).as("typed inputs: " + job).isTrue();
        // the same key ring bit used, so that both sides verify the same signatures and seals
        try (Concierge concierge = Concierge.builder(ws.root()).createIfMissing(false)
                .keyRing(io.concierge.api.trust.KeyRing.folder(home.resolve(".config").resolve("concierge"))).open();
             ConciergeServer server = ConciergeServer.start(concierge, ServerOptions.defaults())) {
            assertThat(get(server, "/api/jobs/" + jobId)).isEqualTo(job);
            assertThat(get(server, "/api/jobs/" + jobId + "/plan")).isEqualTo(plan);
            assertThat(get(server, "/api/jobs/" + jobId + "/status")).isEqualTo(status);
            assertThat(get(server, "/api/packages/" + job.get("package_ref").asText())).isEqualTo(pkg);

            // Artifacts differ only in where the file is: a path here, a URL there.
            ObjectNode local = (ObjectNode) artifacts.get(0).deepCopy();
            ObjectNode remote = (ObjectNode) get(server, "/api/jobs/" + jobId + "/artifacts").get(0).deepCopy();
            assertThat(local.get("path").isTextual()).isTrue();
            assertThat(remote.get("url").isTextual()).isTrue();
            local.remove("path");
            local.remove("url");
            remote.remove("path");
            remote.remove("url");
            assertThat(remote).isEqualTo(local);
        }
    }

    private static JsonNode get(ConciergeServer server, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.url().resolve(path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
