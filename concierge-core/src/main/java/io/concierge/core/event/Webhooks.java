package io.concierge.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.core.codec.Codecs;
import io.concierge.core.workspace.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends events to the webhooks of {@code concierge.json} {@code notifications}: a JSON body with
 * the event, job id, status and package, signed with HMAC-SHA256 when the webhook has a secret,
 * retried with backoff, on a background thread so a slow or failing webhook never slows or fails
 * a job. Every attempt is recorded as a {@link EventTypes#WEBHOOK_DELIVERED} or {@link EventTypes#WEBHOOK_FAILED} event.
 * {@link #close()} waits a bounded time for deliveries still under way.
 */
public final class Webhooks implements Consumer<Event>, AutoCloseable {
    /** The header carrying {@code sha256=<hex HMAC of the body>}. */
    public static final String SIGNATURE_HEADER = "X-Concierge-Signature";
    private static final int ATTEMPTS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<Config> config;
    private final Codecs codecs;
    private final Function<String, Map<String, String>> jobFacts;
    private final Consumer<Event> record;
    private final java.time.Clock clock;
    private final long firstBackoffMillis;
    private volatile ExecutorService executor;
    private volatile HttpClient client;

    /**
     * Creates the sender.
     *
     * @param config             the current configuration
     * @param codecs             JSON writer
     * @param jobFacts           job id to {@code status}, {@code package} and {@code link}
     * @param record             where delivery events are written
     * @param clock              the clock for delivery events
     * @param firstBackoffMillis pause before the second attempt; doubled for each later one
     */
    public Webhooks(Supplier<Config> config, Codecs codecs, Function<String, Map<String, String>> jobFacts,
                    Consumer<Event> record, java.time.Clock clock, long firstBackoffMillis) {
        this.config = config;
        this.codecs = codecs;
        this.jobFacts = jobFacts;
        this.record = record;
        this.clock = clock;
        this.firstBackoffMillis = firstBackoffMillis;
    }

    @Override
    public void accept(Event event) {
        if (event.type().equals(EventTypes.WEBHOOK_DELIVERED) || event.type().equals(EventTypes.WEBHOOK_FAILED)) {
            return; // delivery records are not delivered themselves
        }
        List<Config.Notification> hooks = config.get().notifications().stream().filter(h -> h.wants(event.type())).toList();
        if (hooks.isEmpty()) {
            return;
        }
        byte[] body = body(event);
        for (Config.Notification hook : hooks) {
            executor().execute(() -> deliver(hook, event, body));
        }
    }

    private byte[] body(Event event) {
        Map<String, String> facts = jobFacts.apply(event.jobId());
        ObjectNode n = codecs.object();
        n.put("event", event.type());
        n.put("timestamp", event.timestamp().toString());
        n.put("job_id", event.jobId());
        n.put("run_id", event.runId());
        n.put("status", statusAfter(event, facts.getOrDefault("status", "")));
        n.put("package", facts.getOrDefault("package", ""));
        n.put("link", facts.getOrDefault("link", ""));
        n.set("payload", codecs.json().valueToTree(event.payload()));
        return codecs.writeLine(n).getBytes(StandardCharsets.UTF_8);
    }

    /** The job's status as of the event (the job file may not have caught up yet). */
    private static String statusAfter(Event event, String fromFile) {
        return switch (event.type()) {
            case EventTypes.JOB_STARTED -> "RUNNING";
            case EventTypes.JOB_COMPLETED -> "COMPLETED";
            case EventTypes.JOB_FAILED -> "FAILED";
            case EventTypes.JOB_HALTED -> "HALTED";
            default -> String.valueOf(event.payload().getOrDefault("status", fromFile));
        };
    }

    private void deliver(Config.Notification hook, Event event, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hook.url()).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "concierge-webhooks")
                .header("X-Concierge-Event", event.type())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!hook.secret().isEmpty()) {
            request.header(SIGNATURE_HEADER, "sha256=" + sign(hook.secret(), body));
        }
        long pause = firstBackoffMillis;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String problem;
            int status = 0;
            try {
                HttpResponse<Void> response = client().send(request.build(), HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                problem = status / 100 == 2 ? null : "HTTP " + status;
            } catch (java.io.IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("url", redact(hook.url()));
            payload.put("event", event.type());
            payload.put("attempt", attempt);
            if (status != 0) {
                payload.put("status_code", status);
            }
            if (problem == null) {
                record.accept(new Event(clock.instant(), EventTypes.WEBHOOK_DELIVERED, event.jobId(), "", payload));
                return;
            }
            payload.put("error", problem);
            payload.put("final", attempt == ATTEMPTS);
            record.accept(new Event(clock.instant(), EventTypes.WEBHOOK_FAILED, event.jobId(), "", payload));
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause *= 2;
            }
        }
    }

    /** Hex HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    private static String redact(URI url) {
        // Query strings of webhook addresses often carry tokens; the log keeps only where it went.
        return url.getScheme() + "://" + url.getAuthority() + (url.getPath() == null ? "" : url.getPath());
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "concierge-webhooks");
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        return client;
    }

    /** Waits up to 30 s for deliveries still under way, then stops. */
    @Override
    public void close() {
        ExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
