package io.concierge.workers.audio;

import io.concierge.workers.audio.loudness.ChannelWeights;
import io.concierge.workers.audio.loudness.LoudnessAnalyzer;
import io.concierge.workers.audio.loudness.LoudnessMeasurement;
import io.concierge.workers.audio.loudness.UnmeasurableAudioException;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Measures a WAV file: integrated loudness (ITU-R BS.1770-4 / EBU R128), loudness range
 * (EBU Tech 3342) and true peak (4x oversampled), streaming the file once.
 *
 * <pre>{@code
 * LoudnessMeasurement m = new LoudnessMeter().measure(Path.of("episode.wav"));
 * System.out.printf("%.1f LUFS, %.1f dBTP%n", m.integratedLufs(), m.truePeakDbtp());
 * }</pre>
 *
 * <p>Instances hold no state between calls and may be shared between threads.
 */
public final class LoudnessMeter {

    /** Frames per read: about 85 ms at 48 kHz, small enough to stay in cache, large enough to amortize I/O. */
    public static final int DEFAULT_BLOCK_FRAMES = 4096;

    private final int blockFrames;

    /** A meter reading {@link #DEFAULT_BLOCK_FRAMES} frames at a time. */
    public LoudnessMeter() {
        this(DEFAULT_BLOCK_FRAMES);
    }

    /** A meter reading {@code blockFrames} frames at a time. */
    public LoudnessMeter(int blockFrames) {
        if (blockFrames < 1) {
            throw new IllegalArgumentException("blockFrames must be positive, got " + blockFrames);
        }
        this.blockFrames = blockFrames;
    }

    /** Measures {@code wav} without progress reporting. */
    public LoudnessMeasurement measure(Path wav) throws IOException, UnmeasurableAudioException {
        return measure(wav, ProgressListener.NONE);
    }

    /**
     * Measures {@code wav}, telling {@code listener} after every block.
     *
     * @throws io.concierge.workers.audio.wav.InvalidWavException when the file is not a supported WAV
     * @throws UnmeasurableAudioException when the audio is too short or silent
     */
    public LoudnessMeasurement measure(Path wav, ProgressListener listener) throws IOException, UnmeasurableAudioException {
        try (WavReader reader = WavReader.open(wav)) {
            WavFormat format = reader.info().format();
            LoudnessAnalyzer analyzer = new LoudnessAnalyzer(format.sampleRate(),
                    ChannelWeights.of(format.channels(), format.channelMask()), true);
            double[] block = new double[blockFrames * format.channels()];
            double total = reader.info().frameCount();
            int frames;
            while ((frames = reader.read(block, blockFrames)) > 0) {
                analyzer.accept(block, frames);
                listener.progress(reader.framesRead() / total, "measuring loudness");
            }
            return analyzer.finish();
        }
    }
}
