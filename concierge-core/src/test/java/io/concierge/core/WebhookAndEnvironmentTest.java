package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.RunOptions;
import io.concierge.core.event.Webhooks;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookAndEnvironmentTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path in;
    HttpServer server;
    final List<String[]> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failing = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        workspace = tmp.resolve("ws");
        in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "x");
        Concierge.builder(workspace).discoverWorkers(false).open().close();
        TestPackages.writeUpperPackage(workspace);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new String[] {new String(body), String.valueOf(exchange.getRequestHeaders().getFirst(Webhooks.SIGNATURE_HEADER))});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            failing.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Concierge open(String environment) {
        return Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false).worker(new UpperWorker())
                .environment(environment).open();
    }

    @Test
    void completedJobIsPostedSignedAndABrokenHookNeverFailsTheJob() throws Exception {
        Files.writeString(workspace.resolve("concierge.json"), """
                {"version": 1, "notifications": [
                  {"url": "%s", "events": ["job.completed", "job.failed"], "secret": "s3cret"},
                  {"url": "%s", "events": ["job.*"]}
                ]}""".formatted(url("/hook"), url("/broken")));
        Job job;
        try (Concierge c = open("")) {
            job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            c.approve(job.id(), "alice", "");
            assertThat(c.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        } // close waits for deliveries
        assertThat(received).hasSize(1);
        JsonNode body = new ObjectMapper().readTree(received.get(0)[0]);
        assertThat(body.path("event").asText()).isEqualTo("job.completed");
        assertThat(body.path("job_id").asText()).isEqualTo(job.id());
        assertThat(body.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(body.path("package").asText()).isEqualTo("text.upper@1.0.0");
        assertThat(received.get(0)[1]).isEqualTo("sha256=" + Webhooks.sign("s3cret", received.get(0)[0].getBytes()));
        assertThat(failing.get()).isEqualTo(6); // job.started and job.completed, three attempts each
        try (Concierge c = open("")) {
            List<Event> all = c.events(job.id(), true);
            assertThat(all).filteredOn(e -> e.type().equals("webhook.failed")).hasSize(6);
            assertThat(all).filteredOn(e -> e.type().equals("webhook.delivered")).hasSize(1);
            assertThat(c.validate(job.id()).findings()).isEmpty();
        }
    }

    @Test
    void environmentFileOverlaysTheConfiguration() throws Exception {
        Files.writeString(workspace.resolve("concierge.staging.json"), "{\"planner\": {\"min_confidence\": 0.9}}");
        try (Concierge c = open("staging")) {
            assertThat(c.config()).filteredOn(e -> e.key().equals("planner.min_confidence"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.value()).isEqualTo("0.9");
                        assertThat(e.source()).isEqualTo("concierge.staging.json");
                    });
        }
        try (Concierge c = open("dev")) {
            assertThat(c.config()).filteredOn(e -> e.key().equals("planner.min_confidence"))
                    .singleElement().satisfies(e -> assertThat(e.source()).isEqualTo("default"));
        }
        Files.writeString(workspace.resolve("concierge.staging.json"), "{\"planner\": {\"min_confidense\": 0.9}}");
        assertThatThrownBy(() -> open("staging")).isInstanceOf(InvalidWorkspaceException.class)
                .hasMessageContaining("concierge.staging.json").hasMessageContaining("min_confidense");
        assertThatThrownBy(() -> open("../x")).hasMessageContaining("environment name");
    }

    @Test
    void badNotificationsAreNamed() throws Exception {
        Files.writeString(workspace.resolve("concierge.json"), "{\"version\": 1, \"notifications\": [{\"url\": \"ftp://x\", \"events\": [\"job.completed\"]}]}");
        assertThatThrownBy(() -> open("")).hasMessageContaining("notifications[0].url must be an http");
        Files.writeString(workspace.resolve("concierge.json"), "{\"version\": 1, \"notifications\": [{\"url\": \"http://x\", \"events\": []}]}");
        assertThatThrownBy(() -> open("")).hasMessageContaining("events must list");
    }
}
