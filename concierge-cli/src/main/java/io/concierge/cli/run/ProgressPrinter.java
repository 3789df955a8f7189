package io.concierge.cli.run;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.cli.output.TextFormat;
import io.concierge.cli.output.WorkText;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Shows a run's progress on standard error as it happens (standard output stays for the
 * summary a script may read): one line when a step starts, finishes, fails or is retried.
 *
 * <p>On a terminal it also keeps one line at the bottom that it redraws in place, as curl and
 * docker do: each running step's percent, elapsed time and estimated time left (from the
 * workers' {@code step.progress} events), and, once every step is done, the finishing phase
 * (hashing the artifacts, writing the manifest) until the run ends. Piped or redirected, there
 * is no such line, only the plain lines.
 */
public final class ProgressPrinter implements Consumer<Event> {
    /** Erase the current line and return to its start. */
    private static final String CLEAR = "\r\u001b[K";
    /** At most ten redraws a second: a terminal is not a log. */
    private static final Duration REDRAW_EVERY = Duration.ofMillis(100);

    /** The events after which nothing of the run is left to show. */
    private static final Set<String> RUN_ENDS = Set.of(EventTypes.JOB_COMPLETED, EventTypes.JOB_FAILED, EventTypes.JOB_HALTED);

    private final PrintWriter err;
    private final boolean redraw;
    private final Supplier<Instant> clock;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Set<String> pending = new LinkedHashSet<>();
    private Instant finishingSince;
    private boolean lineShown;
    private Instant lastDraw = Instant.MIN;

    /** What is known of a running step. */
    private record Running(Instant startedAt, double fraction, String message) {
    }

    /**
     * Plain lines only, for pipes, files and tests.
     *
     * @param err where the lines go
     */
    public ProgressPrinter(PrintWriter err) {
        this(err, false, Instant::now);
    }

    /**
     * Plain lines, and the redrawn progress line when {@code terminal}.
     *
     * @param err      where the lines go
     * @param terminal whether {@code err} is a terminal
     * @param clock    the time now (elapsed and ETA)
     */
    public ProgressPrinter(PrintWriter err, boolean terminal, Supplier<Instant> clock) {
        this.err = err;
        this.redraw = terminal;
        this.clock = clock;
    }

    @Override
    public void accept(Event event) {
        String line = describe(event);
        // Workers may call back from their own threads.
        synchronized (err) {
            if (redraw) {
                track(event);
            }
            // A line of its own, or the end of the run, is always shown at once.
            boolean force = line != null || RUN_ENDS.contains(event.type());
            if (line != null) {
                clearLine();
                err.println(line);
            }
            if (redraw) {
                draw(force);
            }
            err.flush();
        }
    }

    /** Keeps the state of the run up to date with one event. */
    private void track(Event event) {
        String step = event.stepId();
        switch (event.type()) {
            case EventTypes.JOB_STARTED -> {
                running.clear();
                pending.clear();
                finishingSince = null;
                if (event.payload().get("steps") instanceof List<?> steps) {
                    steps.forEach(id -> pending.add(String.valueOf(id)));
                }
            }
            case EventTypes.STEP_STARTED -> running.put(step, new Running(event.timestamp(), 0, ""));
            case EventTypes.STEP_PROGRESS -> {
                Running was = running.get(step);
                Instant started = was == null ? event.timestamp() : was.startedAt();
                double fraction = event.payload().get("fraction") instanceof Number n ? n.doubleValue() : 0;
                running.put(step, new Running(started, fraction, String.valueOf(event.payload().getOrDefault("message", ""))));
            }
            case EventTypes.STEP_COMPLETED, EventTypes.STEP_FAILED, EventTypes.STEP_CACHED, EventTypes.STEP_SKIPPED -> {
                running.remove(step);
                pending.remove(step);
                if (pending.isEmpty() && running.isEmpty()) {
                    finishingSince = event.timestamp();
                }
            }
            case EventTypes.JOB_COMPLETED, EventTypes.JOB_FAILED, EventTypes.JOB_HALTED -> {
                running.clear();
                pending.clear();
                finishingSince = null;
            }
            default -> {
            }
        }
    }

    /** Redraws the bottom line (at most ten times a second unless {@code force}). */
    private void draw(boolean force) {
        Instant now = clock.get();
        if (!force && lineShown && now.isBefore(lastDraw.plus(REDRAW_EVERY))) {
            return;
        }
        lastDraw = now;
        String status = statusLine(now);
        clearLine();
        if (status != null) {
            err.print(status);
            lineShown = true;
        }
    }

    private void clearLine() {
        if (lineShown) {
            err.print(CLEAR);
            lineShown = false;
        }
    }

    /** The redrawn line for the state now, or null when there is nothing to show. */
    String statusLine(Instant now) {
        if (!running.isEmpty()) {
            StringJoiner line = new StringJoiner("  |  ", "  ", "");
            running.forEach((step, state) -> line.add(stepStatus(step, state, now)));
            return line.toString();
        }
        if (finishingSince != null) {
            return "  finishing: hashing artifacts, writing the manifest  " + clockTime(Duration.between(finishingSince, now));
        }
        return null;
    }

    /** {@code normalize  42%  0:12 elapsed, ETA 0:17  measuring loudness}. */
    static String stepStatus(String step, Running state, Instant now) {
        Duration elapsed = Duration.between(state.startedAt(), now);
        StringBuilder text = new StringBuilder(step).append("  ");
        if (state.fraction() > 0) {
            text.append(Math.round(state.fraction() * 100)).append("%  ");
        }
        text.append(clockTime(elapsed)).append(" elapsed");
        if (state.fraction() >= 0.02 && state.fraction() < 1) {
            long left = Math.round(elapsed.toMillis() * (1 - state.fraction()) / state.fraction());
            text.append(", ETA ").append(clockTime(Duration.ofMillis(left)));
        }
        if (!state.message().isBlank()) {
            text.append("  ").append(WorkText.oneLine(state.message()));
        }
        return text.toString();
    }

    /** {@code m:ss}, or {@code h:mm:ss} past an hour. */
    static String clockTime(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, seconds % 60)
                : String.format("%d:%02d", minutes, seconds % 60);
    }

    /** The progress line for an event, or null for events not worth a line. */
    static String describe(Event event) {
        String step = event.stepId();
        Object duration = event.payload().get("duration");
        String took = duration instanceof Number number ? " in " + TextFormat.seconds(number.doubleValue()) + " s" : "";
        switch (event.type()) {
            case EventTypes.JOB_STARTED:
                return "run " + event.runId() + " started";
            case EventTypes.STEP_STARTED:
                return "  step " + step + " started" + attempt(event);
            case EventTypes.STEP_COMPLETED:
                return "  step " + step + " completed" + took;
            case EventTypes.STEP_RETRIED:
                return "  step " + step + " will be retried: " + WorkText.oneLine(String.valueOf(
                        event.payload().getOrDefault("error", "")));
            case EventTypes.STEP_FAILED:
                return "  step " + step + " failed" + took + ": "
                        + WorkText.oneLine(String.valueOf(event.payload().getOrDefault("error", "")));
            case EventTypes.STEP_LOG:
                return "  [" + step + "] " + ("warning".equals(event.payload().get("level")) ? "warning: " : "")
                        + WorkText.oneLine(String.valueOf(event.payload().getOrDefault("message", "")));
            default:
                return null;
        }
    }

    private static String attempt(Event event) {
        Object attempt = event.payload().get("attempt");
        return attempt instanceof Number number && number.intValue() > 1 ? " (attempt " + number + ")" : "";
    }
}
