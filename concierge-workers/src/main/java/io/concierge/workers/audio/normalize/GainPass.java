package io.concierge.workers.audio.normalize;

import io.concierge.workers.audio.ProgressListener;
import io.concierge.workers.audio.dynamics.TruePeakLimiter;
import io.concierge.workers.audio.loudness.ChannelWeights;
import io.concierge.workers.audio.loudness.LoudnessAnalyzer;
import io.concierge.workers.audio.loudness.UnmeasurableAudioException;
import io.concierge.workers.audio.wav.SampleQuantizer;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavReader;
import io.concierge.workers.audio.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One streaming pass: read, multiply by a gain, limit (optionally), and measure the result;
 * when an output path is given also quantize and write it. Measuring the quantized samples means
 * the reported output loudness and true peak are those of the file actually written.
 */
final class GainPass {

    static final int BLOCK_FRAMES = 4096;
    /** Fixed dither seed: the same input and settings always give the same output bytes. */
    private static final long DITHER_SEED = 0x243F6A8885A308D3L;

    private final double gain;
    private final double limiterThreshold;
    private final double lookaheadSeconds;
    private final double releaseSeconds;
    private final WavFormat outputFormat;
    private final double checkAbove;

    /**
     * @param gain             linear gain
     * @param limiterThreshold linear true-peak threshold, or {@code NaN} for no limiter
     * @param outputFormat     the written file's format, or {@code null} for the input's
     * @param checkAbove       linear level from which the written true peak is measured between the
     *                         4x points too: the limiter threshold, so the ceiling check is exact
     */
    GainPass(double gain, double limiterThreshold, double lookaheadSeconds, double releaseSeconds,
             WavFormat outputFormat, double checkAbove) {
        this.checkAbove = checkAbove;
        this.gain = gain;
        this.limiterThreshold = limiterThreshold;
        this.lookaheadSeconds = lookaheadSeconds;
        this.releaseSeconds = releaseSeconds;
        this.outputFormat = outputFormat;
    }

    /** The format the output is written in, given the input's. */
    WavFormat written(WavFormat inputFormat) {
        return outputFormat == null ? inputFormat : outputFormat;
    }

    private boolean limiting() {
        return !Double.isNaN(limiterThreshold);
    }

    /** Runs a pass that only measures the loudness of the result (no true peak, no file). */
    PassResult simulate(Path input, ProgressListener listener) throws IOException, UnmeasurableAudioException {
        return run(input, null, listener);
    }

    /** Runs the pass that writes {@code output} and measures it fully. */
    PassResult write(Path input, Path output, ProgressListener listener) throws IOException, UnmeasurableAudioException {
        return run(input, output, listener);
    }

    private PassResult run(Path input, Path output, ProgressListener listener) throws IOException, UnmeasurableAudioException {
        try (WavReader reader = WavReader.open(input);
             WavWriter writer = output == null ? null : WavWriter.create(output, written(reader.info().format()))) {
            WavFormat format = written(reader.info().format());
            int channels = format.channels();
            LoudnessAnalyzer analyzer = new LoudnessAnalyzer(format.sampleRate(),
                    ChannelWeights.of(channels, format.channelMask()), output != null, checkAbove);
            TruePeakLimiter limiter = limiting()
                    ? new TruePeakLimiter(channels, format.sampleRate(), limiterThreshold, lookaheadSeconds, releaseSeconds,
                            output == null ? 0 : LoudnessAnalyzer.stepFrames(format.sampleRate()))
                    : null;
            boolean dither = output != null && needsDither(format);
            SampleQuantizer quantizer = output == null ? null : new SampleQuantizer(format, dither, DITHER_SEED);
            Sink sink = new Sink(analyzer, quantizer, writer, channels);
            double[] in = new double[BLOCK_FRAMES * channels];
            double[] out = limiter == null ? in
                    : new double[Math.max(BLOCK_FRAMES, limiter.latencyFrames()) * channels];
            double total = reader.info().frameCount();
            String message = output == null ? "checking limiter gain" : "writing normalized audio";
            int frames;
            while ((frames = reader.read(in, BLOCK_FRAMES)) > 0) {
                int samples = frames * channels;
                for (int i = 0; i < samples; i++) {
                    in[i] *= gain;
                }
                int ready = limiter == null ? frames : limiter.process(in, frames, out);
                sink.accept(out, ready);
                listener.progress(reader.framesRead() / total, message);
            }
            if (limiter != null) {
                sink.accept(out, limiter.flush(out));
            }
            return new PassResult(analyzer.finish(),
                    limiter == null ? 0.0 : limiter.maxGainReductionDb(),
                    limiter == null ? 0 : limiter.reducedFrames(),
                    quantizer == null ? 0 : quantizer.clippedSamples(),
                    dither, limiter == null ? new double[0] : limiter.gainTrace());
        }
    }

    /**
     * 16-bit output is dithered when its samples change: the rounding error of a gain change is
     * then noise at -101 dBFS instead of distortion correlated with quiet passages. 24- and 32-bit
     * output is rounded only; its rounding error is far below any converter's noise floor. A
     * bit-exact copy (unity gain, no limiter) is left undithered.
     */
    private boolean needsDither(WavFormat format) {
        return !format.isFloat() && format.bitsPerSample() == 16 && (gain != 1.0 || limiting());
    }

    /** Where processed frames go: quantizer, analyzer, writer. */
    private static final class Sink {
        private final LoudnessAnalyzer analyzer;
        private final SampleQuantizer quantizer;
        private final WavWriter writer;
        private final int channels;

        Sink(LoudnessAnalyzer analyzer, SampleQuantizer quantizer, WavWriter writer, int channels) {
            this.analyzer = analyzer;
            this.quantizer = quantizer;
            this.writer = writer;
            this.channels = channels;
        }

        void accept(double[] frames, int count) throws IOException {
            if (count == 0) {
                return;
            }
            if (quantizer != null) {
                quantizer.quantize(frames, count * channels);
            }
            analyzer.accept(frames, count);
            if (writer != null) {
                writer.write(frames, count);
            }
        }
    }
}
