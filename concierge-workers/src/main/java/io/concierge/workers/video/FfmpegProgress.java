package io.concierge.workers.video;

import java.util.OptionalDouble;

/** Reads the {@code key=value} lines ffmpeg writes with {@code -progress pipe:1}. */
final class FfmpegProgress {

    private FfmpegProgress() {
    }

    /**
     * How many seconds of output have been encoded, when the line says so. ffmpeg reports it as
     * {@code out_time_us}, and older builds only as {@code out_time_ms}, which despite its name
     * also counts microseconds (a long-standing ffmpeg quirk), so both are read the same way.
     * {@code N/A} and the negative values written before the first frame give nothing.
     */
    static OptionalDouble encodedSeconds(String line) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            return OptionalDouble.empty();
        }
        String key = line.substring(0, eq).strip();
        if (!key.equals("out_time_us") && !key.equals("out_time_ms")) {
            return OptionalDouble.empty();
        }
        String value = line.substring(eq + 1).strip();
        if (!value.matches("[0-9]{1,18}")) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Long.parseLong(value) / 1_000_000.0);
    }
}
