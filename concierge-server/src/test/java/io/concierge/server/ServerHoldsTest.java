package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.Job;
import io.concierge.testkit.TestConcierge;
import io.concierge.workers.test.EchoWorker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server holds against a hostile network: exact Host and Origin checks (DNS rebinding), many
 * idle or half-sent connections (slowloris), trickled headers, the connection limit, and tokens
 * that need not appear on a command line. Everything over real sockets.
 */
class ServerHoldsTest {
    /** How long a socket read may block before the test gives up: a hang guard, not a measured time. */
    private static final int HANG_GUARD_MILLIS = 30_000;

    private TestConcierge concierge;
    private Job draft;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        String echoPackage;
        try (InputStream in = EchoWorker.class.getResourceAsStream("/META-INF/concierge/packages/test/echo/v1.0.0/package.yaml")) {
            echoPackage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        concierge = TestConcierge.builder().worker(new EchoWorker()).withPackage(echoPackage).open();
        draft = concierge.createJob(concierge.synthesize("Echo still a draft").id());
    }

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        concierge.close();
    }

    @Test
    void onlyLoopbackNamesAndTheBoundAddressAreAnswered() throws IOException {
        try (ConciergeServer server = ConciergeServer.start(concierge, ServerOptions.defaults())) {
            int port = server.port();
            for (String rebound : List.of("127.0.0.1.attacker.example:" + port, "127.0.0.2:" + port,
                    "localhost.attacker.example:" + port, "attacker.example:" + port, "127.0.0.1:" + (port + 1),
                    "127.1:" + port)) {
                assertThat(raw(server, "GET /api/jobs", rebound, null)).as(rebound)
                        .startsWith("HTTP/1.1 403").contains("\"forbidden\"").doesNotContain(draft.id());
            }
            for (String own : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "127.0.0.1")) {
                assertThat(raw(server, "GET /api/jobs", own, null)).as(own).startsWith("HTTP/1.1 200").contains(draft.id());
            }
            // a same-looking origin on another scheme or port is another site
            for (String origin : List.of("https://127.0.0.1:" + port, "http://127.0.0.1:" + (port + 1),
                    "http://127.0.0.1.attacker.example:" + port, "null")) {
                assertThat(raw(server, "POST /api/jobs/" + draft.id() + "/plan", "127.0.0.1:" + port, origin))
                        .as(origin).startsWith("HTTP/1.1 403");
            }
            assertThat(concierge.job(draft.id()).status().name()).isEqualTo("DRAFT");
            assertThat(raw(server, "POST /api/jobs/" + draft.id() + "/plan", "127.0.0.1:" + port, "http://127.0.0.1:" + port))
                    .startsWith("HTTP/1.1 201");
        }
    }

    @Test
    void anAllowedNameIsAnsweredToo() throws IOException {
        try (ConciergeServer server = ConciergeServer.start(concierge,
                ServerOptions.builder().allowHost("Concierge.Internal").build())) {
            assertThat(raw(server, "GET /api/jobs", "concierge.internal:" + server.port(), null)).startsWith("HTTP/1.1 200");
            assertThat(raw(server, "GET /api/jobs", "other.internal:" + server.port(), null)).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void twoHundredIdleConnectionsDoNotKeepOthersOut() throws IOException {
        // the JDK's server read headers on its request threads: 33 of these starved it
        try (ConciergeServer server = ConciergeServer.start(concierge, ServerOptions.defaults())) {
            for (int i = 0; i < 200; i++) {
                Socket socket = connect(server);
                if (i % 2 == 0) {
                    // half a request: the line and one header begun, never finished
                    send(socket, "GET /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
                }
            }
            ApiClient api = new ApiClient(server.url());
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/api/jobs/" + draft.id()).status()).isEqualTo(200);
            }
            assertThat(api.post("/api/jobs/" + draft.id() + "/plan", "{}").status()).isEqualTo(201);
            // and over the raw sockets too: every connection still reaches the server
            assertThat(raw(server, "GET /api/jobs", "127.0.0.1:" + server.port(), null)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void headersTrickledInAreCutOff() throws Exception {
        try (ConciergeServer server = ConciergeServer.start(concierge,
                ServerOptions.builder().headerTimeout(Duration.ofMillis(200)).build())) {
            Socket socket = connect(server);
            send(socket, "GET /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            // one byte now and then, each well within the idle timeout, never the blank line
            boolean closed = false;
            for (int i = 0; i < 3000 && !closed; i++) {
                try {
                    send(socket, "X");
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                Thread.sleep(20);
                socket.setSoTimeout(1);
                try {
                    closed = socket.getInputStream().read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // nothing from the server yet
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("the server closed the trickling connection").isTrue();
            assertThat(new ApiClient(server.url()).get("/api/jobs").status()).isEqualTo(200);
        }
    }

    @Test
    void pastTheConnectionLimitIdleConnectionsMakeRoom() throws Exception {
        try (ConciergeServer server = ConciergeServer.start(concierge, ServerOptions.builder()
                .maxConnections(8).headerTimeout(Duration.ofMillis(300)).build())) {
            // an event stream is a busy connection, however quiet: it must survive the sweep
            ApiClient api = new ApiClient(server.url());
            java.net.http.HttpResponse<InputStream> stream = api.http().send(api.request("/api/jobs/stream").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            java.io.BufferedReader events = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            assertThat(nextData(events, "counts")).contains("\"all\":1");
            List<Socket> idle = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                idle.add(connect(server));
            }
            // the limit is reached: this one waits until the idle ones are closed, then is answered
            assertThat(raw(server, "GET /api/jobs", "127.0.0.1:" + server.port(), null)).startsWith("HTTP/1.1 200");
            int closedByServer = 0;
            for (Socket socket : idle) {
                socket.setSoTimeout(HANG_GUARD_MILLIS);
                try {
                    if (socket.getInputStream().read() < 0) {
                        closedByServer++;
                    }
                } catch (IOException reset) {
                    closedByServer++;
                }
            }
            assertThat(closedByServer).isEqualTo(7);
            Job later = concierge.createJob(concierge.synthesize("Echo after the sweep").id());
            assertThat(nextData(events, "job")).contains(later.id());
            stream.body().close();
        }
    }

    @Test
    void tokensComeFromAPrivateFileOrFromText(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# approvers\nalice=s3cret-a\n\nbob=s3cret-b\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ServerOptions options = ServerOptions.builder().tokenFile(file).tokenText("CONCIERGE_TOKENS", "carol=s3cret-c, dave=s3cret-d").build();
        assertThat(options.tokens()).containsEntry("s3cret-a", "alice").containsEntry("s3cret-b", "bob")
                .containsEntry("s3cret-c", "carol").containsEntry("s3cret-d", "dave").hasSize(4);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ServerOptions.builder().tokenFile(file))
                .isInstanceOf(ConciergeException.class).hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> ServerOptions.builder().tokenText("CONCIERGE_TOKENS", "alice"))
                .isInstanceOf(ConciergeException.class).hasMessageContaining("line 1 of CONCIERGE_TOKENS is not NAME=SECRET");
        assertThatThrownBy(() -> ServerOptions.builder().tokenFile(dir.resolve("missing")))
                .isInstanceOf(ConciergeException.class).hasMessageContaining("cannot read the token file");

        try (ConciergeServer server = ConciergeServer.start(concierge, options)) {
            ApiClient api = new ApiClient(server.url());
            assertThat(api.get("/api/jobs").status()).isEqualTo(401);
            assertThat(api.withToken("s3cret-d").get("/api/jobs").status()).isEqualTo(200);
        }
    }

    /** The data of the next event of {@code type}; the client's request timeout guards a hang. */
    private static String nextData(java.io.BufferedReader lines, String type) throws IOException {
        String event = "message";
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ") && event.equals(type)) {
                return line.substring(6);
            } else if (line.isEmpty()) {
                event = "message";
            }
        }
        throw new AssertionError("the stream ended before an event " + type);
    }

    private Socket connect(ConciergeServer server) throws IOException {
        Socket socket = new Socket(server.url().getHost(), server.port());
        sockets.add(socket);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String raw(ConciergeServer server, String requestLine, String host, String origin) throws IOException {
        try (Socket socket = new Socket(server.url().getHost(), server.port())) {
            socket.setSoTimeout(HANG_GUARD_MILLIS);
            String request = requestLine + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + (requestLine.startsWith("POST") ? "Content-Length: 0\r\n" : "")
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
