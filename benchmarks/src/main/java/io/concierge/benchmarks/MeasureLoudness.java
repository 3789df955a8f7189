package io.concierge.benchmarks;

import io.concierge.workers.audio.LoudnessMeter;
import io.concierge.workers.audio.loudness.LoudnessMeasurement;
import io.concierge.workers.audio.loudness.UnmeasurableAudioException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures WAV files from the command line, printing what ffmpeg's {@code ebur128} summary
 * prints: {@code MeasureLoudness <file.wav>...}. It is the Java side of the hyperfine comparison
 * in docs/audio.md, so it does nothing but open, measure and print.
 */
public final class MeasureLoudness {

    private MeasureLoudness() {
    }

    /** Measures each file named on the command line. */
    public static void main(String[] args) throws IOException, UnmeasurableAudioException {
        LoudnessMeter meter = new LoudnessMeter();
        for (String file : args) {
            LoudnessMeasurement m = meter.measure(Path.of(file));
            System.out.printf(Locale.ROOT, "%s: I: %.1f LUFS  LRA: %.1f LU  Peak: %.1f dBTP%n",
                    file, m.integratedLufs(), m.loudnessRangeLu(), m.truePeakDbtp());
        }
    }
}
