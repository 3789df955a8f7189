package io.concierge.benchmarks;

import io.concierge.workers.audio.LoudnessMeter;
import io.concierge.workers.audio.loudness.LoudnessMeasurement;
import io.concierge.workers.audio.loudness.UnmeasurableAudioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Integrated loudness, loudness range and true peak of a 10-minute stereo 48 kHz 16-bit WAV:
 * the whole of {@link LoudnessMeter#measure}, file reading included. The file is generated once
 * per trial in a temporary folder ({@link TestProgramme}).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LoudnessBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class LoudnessBenchmark {

    /** The programme: {@code music} (realistic) or {@code sine} (the true-peak meter's worst case). */
    @Param({"music", "sine"})
    public String programme;

    private Path dir;
    private Path wav;
    private final LoudnessMeter meter = new LoudnessMeter();

    /** Writes the 10-minute file. */
    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        dir = Files.createTempDirectory("loudness-benchmark");
        wav = dir.resolve("ten_min_" + programme + ".wav");
        new TestProgramme(programme).write(wav, 48_000, 600);
    }

    /** Deletes it again. */
    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(wav);
        Files.deleteIfExists(dir);
    }

    /** One full measurement; returned so the JIT cannot drop it. */
    @Benchmark
    public LoudnessMeasurement integratedLoudnessAndTruePeak() throws IOException, UnmeasurableAudioException {
        return meter.measure(wav);
    }
}
