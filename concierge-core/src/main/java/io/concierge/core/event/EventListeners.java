package io.concierge.core.event;

import io.concierge.api.event.Event;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands every written event to the listeners that asked for them (the host's listener of
 * {@code ConciergeOptions}, the webhook sender). The event is already on disk when they hear it,
 * so a listener that throws cannot undo or break the run: its failure is caught, logged and
 * counted, and the next listener still hears the event.
 */
public final class EventListeners {
    private static final System.Logger LOG = System.getLogger(EventListeners.class.getName());

    private final List<Consumer<Event>> listeners;
    private final AtomicLong failures = new AtomicLong();

    /** Creates the dispatch to {@code listeners}, called in this order. */
    public EventListeners(List<Consumer<Event>> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Tells every listener about {@code event}; a listener's failure never reaches the caller. */
    public void dispatch(Event event) {
        for (Consumer<Event> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException | LinkageError e) {
                long count = failures.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, () -> "event listener " + listener.getClass().getName()
                        + " failed on " + event.type() + " of job " + event.jobId() + " (failure " + count + "): " + e, e);
            }
        }
    }

    /** How many times a listener has thrown since this dispatch was made. */
    public long failures() {
        return failures.get();
    }
}
