package io.concierge.cli.run;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.cli.output.TextFormat;
import io.concierge.cli.output.WorkText;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Shows a run's progress on standard error as it happens (standard output stays for the
 * summary a script may read): one line when a step starts, finishes, fails or is retried.
 */
public final class ProgressPrinter implements Consumer<Event> {
    private final PrintWriter err;

    /** Prints to {@code err}. */
    public ProgressPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void accept(Event event) {
        String line = describe(event);
        if (line != null) {
            // Workers may call back from their own threads.
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        }
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
            default:
                return null;
        }
    }

    private static String attempt(Event event) {
        Object attempt = event.payload().get("attempt");
        return attempt instanceof Number number && number.intValue() > 1 ? " (attempt " + number + ")" : "";
    }
}
