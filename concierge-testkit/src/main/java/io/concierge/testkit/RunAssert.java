package io.concierge.testkit;

import io.concierge.api.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;

/**
 * Assertions on the events of a run, as {@link io.concierge.api.Concierge#events} returns them,
 * made with {@link ConciergeAssertions#assertThat(List)}.
 *
 * <pre>{@code
 * assertThat(concierge.events(jobId, false))
 *         .hasEvent(EventTypes.STEP_RETRIED)
 *         .stepsInOrder("normalize", "encode");
 * }</pre>
 *
 * <p>It is an AssertJ list assertion too, so {@code extracting(Event::type).containsExactly(...)}
 * and the rest keep working when this {@code assertThat} is imported next to AssertJ's.
 *
 * @since 0.1.0
 */
public final class RunAssert extends AbstractListAssert<RunAssert, List<? extends Event>, Event, ObjectAssert<Event>> {

    RunAssert(List<? extends Event> actual) {
        super(actual, RunAssert.class);
    }

    @Override
    protected ObjectAssert<Event> toAssert(Event value, String description) {
        return new ObjectAssert<>(value).as(description);
    }

    @Override
    protected RunAssert newAbstractIterableAssert(Iterable<? extends Event> iterable) {
        List<Event> copy = new ArrayList<>();
        iterable.forEach(copy::add);
        return new RunAssert(copy);
    }

    /**
     * Checks that at least one event has {@code type}; the message lists the types there were.
     *
     * @param type the event type, e.g. {@code step.retried}
     * @return this assertion
     */
    public RunAssert hasEvent(String type) {
        isNotNull();
        if (actual.stream().noneMatch(e -> e.type().equals(type))) {
            failWithMessage("expected an event of type %s but the events were %s", type, types());
        }
        return this;
    }

    /**
     * Checks that no event has {@code type}.
     *
     * @param type the event type
     * @return this assertion
     */
    public RunAssert hasNoEvent(String type) {
        isNotNull();
        List<? extends Event> found = actual.stream().filter(e -> e.type().equals(type)).toList();
        if (!found.isEmpty()) {
            failWithMessage("expected no event of type %s but found %s: %s", type, found.size(), found);
        }
        return this;
    }

    /**
     * Checks how many events have {@code type}.
     *
     * @param type     the event type
     * @param expected how many events of that type there should be
     * @return this assertion
     */
    public RunAssert hasEventCount(String type, int expected) {
        isNotNull();
        long count = actual.stream().filter(e -> e.type().equals(type)).count();
        if (count != expected) {
            failWithMessage("expected %s events of type %s but found %s; the events were %s", expected, type, count,
                    types());
        }
        return this;
    }

    /**
     * Checks that the steps that started are exactly {@code stepIds}, in this order (a retried step
     * counts once).
     *
     * @param stepIds the step ids in the order they should start
     * @return this assertion
     */
    public RunAssert stepsInOrder(String... stepIds) {
        isNotNull();
        List<String> started = new ArrayList<>();
        for (Event e : actual) {
            if (e.type().equals(io.concierge.api.event.EventTypes.STEP_STARTED) && !started.contains(e.stepId())) {
                started.add(e.stepId());
            }
        }
        List<String> expected = Arrays.asList(stepIds);
        if (!started.equals(expected)) {
            failWithMessage("expected steps %s to start in this order but the run started %s; the events were %s",
                    expected, started, types());
        }
        return this;
    }

    private List<String> types() {
        return actual.stream().map(e -> e.stepId().isEmpty() ? e.type() : e.type() + "(" + e.stepId() + ")").toList();
    }
}
