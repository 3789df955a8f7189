package io.concierge.workers.audio;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.TypedValues;
import io.concierge.api.worker.WorkerContext;
import io.concierge.workers.audio.wav.InvalidWavException;
import io.concierge.workers.audio.wav.WavInfo;
import io.concierge.workers.audio.wav.WavReader;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;

/** File and parameter chores the audio workers share. */
final class AudioFiles {

    private AudioFiles() {
    }

    /** The file name without its last extension ({@code "episode"} for {@code "episode.wav"}). */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.isBlank() ? "audio" : stem;
    }

    /** Reads the WAV header of input {@code name}, failing with {@code input.invalid} when it is not a supported WAV. */
    static WavInfo probeWav(WorkerContext ctx, String name) {
        Path file = ctx.inputFile(name);
        return probeWavFile(name, file, file);
    }

    /**
     * Reads the header of {@code wav}, which holds the audio of input {@code name} ({@code file},
     * or a decoded copy of it), failing with {@code input.invalid} naming the input.
     */
    static WavInfo probeWavFile(String name, Path file, Path wav) {
        try {
            return WavReader.probe(wav);
        } catch (InvalidWavException e) {
            throw invalidWav(name, file, e);
        } catch (IOException e) {
            throw WorkerFailure.nonRetryable("input.invalid",
                    "input " + name + ": " + file.getFileName() + " cannot be read: " + e.getMessage());
        }
    }

    /** The failure for a file that is not a supported WAV. */
    static WorkerFailure invalidWav(String name, Path file, InvalidWavException e) {
        return WorkerFailure.nonRetryable("input.invalid", "input " + name + ": " + file.getFileName() + " " + e.getMessage());
    }

    /**
     * A number param, failing with {@code input.invalid} when it is outside {@code [min, max]} or
     * written with a unit other than those in {@code units} (compared case-insensitively).
     */
    static double number(TypedValues params, String name, double fallback, double min, double max, Set<String> units) {
        double value = params.number(name, fallback);
        params.unit(name).ifPresent(unit -> {
            if (!units.contains(unit.toLowerCase(Locale.ROOT))) {
                throw WorkerFailure.nonRetryable("input.invalid", "param " + name + " is in " + unit
                        + "; give it in " + String.join(" or ", units));
            }
        });
        if (!(value >= min && value <= max)) {
            throw WorkerFailure.nonRetryable("input.invalid", "param " + name + " must be between " + format(min)
                    + " and " + format(max) + ", got " + params.get(name, format(fallback)));
        }
        return value;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * Moves a finished file from scratch into the artifacts folder. Writing in scratch first means
     * a halted or failed step never leaves a half-written output behind.
     */
    static void publish(Path scratchFile, Path output) throws IOException {
        try {
            Files.move(scratchFile, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(scratchFile, output, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A scratch path for an output being produced. */
    static Path scratchFor(WorkerContext ctx, Path output) throws IOException {
        Path scratch = Files.createDirectories(ctx.scratchDir());
        return scratch.resolve(output.getFileName() + ".part");
    }
}
