package io.concierge.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Event event(String type, int second, Map<String, Object> payload) {
        return new Event(T0.plusSeconds(second), type, "j_1", "r_1", payload);
    }

    @Test
    void onATerminalOneLineIsRedrawnWithPercentElapsedAndEta() {
        StringWriter text = new StringWriter();
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), true, now::get);

        printer.accept(event(EventTypes.JOB_STARTED, 0, Map.of("steps", List.of("transcode"))));
        printer.accept(event(EventTypes.STEP_STARTED, 0, Map.of("step_id", "transcode")));
        now.set(T0.plusSeconds(30));
        printer.accept(event(EventTypes.STEP_PROGRESS, 30, Map.of("step_id", "transcode", "fraction", 0.25, "message", "pass 1")));
        assertThat(printer.statusLine(now.get())).isEqualTo("  transcode  25%  0:30 elapsed, ETA 1:30  pass 1");

        now.set(T0.plusSeconds(120));
        printer.accept(event(EventTypes.STEP_COMPLETED, 120, Map.of("step_id", "transcode", "duration", 120.0)));
        assertThat(printer.statusLine(T0.plusSeconds(121))).startsWith("  finishing: hashing artifacts").endsWith("0:01");
        printer.accept(event(EventTypes.JOB_COMPLETED, 122, Map.of()));
        assertThat(printer.statusLine(T0.plusSeconds(122))).isNull();

        String printed = text.toString();
        assertThat(printed).contains("\r\u001b[K").contains("25%").contains("  step transcode completed in 120");
        // The last thing printed leaves the terminal clean: no half line after the run.
        assertThat(printed).endsWith("\r\u001b[K");
    }

    @Test
    void piped_thereIsNoRedrawnLine() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text));
        printer.accept(event(EventTypes.JOB_STARTED, 0, Map.of("steps", List.of("a"))));
        printer.accept(event(EventTypes.STEP_STARTED, 0, Map.of("step_id", "a")));
        printer.accept(event(EventTypes.STEP_PROGRESS, 1, Map.of("step_id", "a", "fraction", 0.5, "message", "")));
        assertThat(text.toString()).doesNotContain("\r").doesNotContain("\u001b").doesNotContain("50%");
    }

    @Test
    void workerLogLinesArePrintedWithTheirStep() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text));
        printer.accept(event(EventTypes.STEP_LOG, 1, Map.of("step_id", "encode", "level", "info", "message", "ffmpeg 5.1")));
        printer.accept(event(EventTypes.STEP_LOG, 2, Map.of("step_id", "encode", "level", "warning", "message", "clipped")));
        assertThat(text.toString()).isEqualTo("  [encode] ffmpeg 5.1\n  [encode] warning: clipped\n");
    }

    @Test
    void clockTimesReadLikeAStopwatch() {
        assertThat(ProgressPrinter.clockTime(Duration.ofSeconds(5))).isEqualTo("0:05");
        assertThat(ProgressPrinter.clockTime(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
        assertThat(ProgressPrinter.clockTime(Duration.ofSeconds(-3))).isEqualTo("0:00");
    }
}
