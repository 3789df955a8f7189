package io.concierge.server.observe;

import io.concierge.server.http.RequestObserver;
import java.util.List;

/**
 * One line per answered request through {@link System.Logger} {@code io.concierge.server.access}
 * at INFO, in the spirit of the common log format, so that a host routes it with its other logs:
 * {@code 127.0.0.1 alice "GET /api/jobs?status=FAILED" 200 5123 12ms}. Tokens never appear.
 */
public final class AccessLog implements RequestObserver {
    private final System.Logger log = System.getLogger("io.concierge.server.access");
    private final List<RequestObserver> also;

    /**
     * Creates the log.
     *
     * @param also observers told after the line is written (the metrics)
     */
    public AccessLog(List<RequestObserver> also) {
        this.also = List.copyOf(also);
    }

    @Override
    public void completed(Completed request) {
        if (log.isLoggable(System.Logger.Level.INFO)) {
            log.log(System.Logger.Level.INFO, request.remote() + " " + request.principal().orElse("-") + " \""
                    + request.method() + " " + request.target().replaceAll("\\p{Cntrl}", "?") + "\" " + request.status()
                    + " " + request.bytes() + " " + request.nanos() / 1_000_000 + "ms");
        }
        also.forEach(observer -> observer.completed(request));
    }
}
