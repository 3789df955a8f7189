package io.concierge.workers.audio;

import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Deterministic test signals as interleaved doubles, and a way to write them as WAV. */
public final class Signals {

    private Signals() {
    }

    public static double dbToLinear(double db) {
        return Math.pow(10.0, db / 20.0);
    }

    /**
     * Fades both ends in place with a 5 ms raised cosine. A signal cut off abruptly has a step
     * whose band-limited reconstruction rings (Gibbs) up to 9% above the signal; meters with
     * different interpolators disagree about that ringing, and real programme material starts
     * and ends smoothly anyway.
     */
    public static double[] faded(double[] interleaved, int rate, int channels) {
        int frames = interleaved.length / channels;
        int ramp = Math.min(frames / 2, rate / 200);
        for (int i = 0; i < ramp; i++) {
            double g = 0.5 - 0.5 * Math.cos(Math.PI * i / ramp);
            for (int c = 0; c < channels; c++) {
                interleaved[i * channels + c] *= g;
                interleaved[(frames - 1 - i) * channels + c] *= g;
            }
        }
        return interleaved;
    }

    /** A sine of peak level {@code dbfs} on every channel. */
    public static double[] sine(int rate, int channels, double seconds, double hz, double dbfs) {
        int frames = (int) Math.round(seconds * rate);
        double amplitude = dbToLinear(dbfs);
        double[] out = new double[frames * channels];
        for (int i = 0; i < frames; i++) {
            double v = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
            for (int c = 0; c < channels; c++) {
                out[i * channels + c] = v;
            }
        }
        return faded(out, rate, channels);
    }

    /** Independent white noise per channel with RMS {@code dbfs}. */
    public static double[] whiteNoise(int rate, int channels, double seconds, double dbfs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int frames = (int) Math.round(seconds * rate);
        double scale = dbToLinear(dbfs) * Math.sqrt(3.0); // uniform on [-a, a] has RMS a / sqrt(3)
        double[] out = new double[frames * channels];
        for (int i = 0; i < out.length; i++) {
            out[i] = scale * (2 * random.nextDouble() - 1);
        }
        return faded(out, rate, channels);
    }

    /** Pink (1/f) noise per channel, Paul Kellet's filter, scaled to RMS {@code dbfs}. */
    public static double[] pinkNoise(int rate, int channels, double seconds, double dbfs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int frames = (int) Math.round(seconds * rate);
        double[] out = new double[frames * channels];
        for (int c = 0; c < channels; c++) {
            double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
            for (int i = 0; i < frames; i++) {
                double white = 2 * random.nextDouble() - 1;
                b0 = 0.99886 * b0 + white * 0.0555179;
                b1 = 0.99332 * b1 + white * 0.0750759;
                b2 = 0.96900 * b2 + white * 0.1538520;
                b3 = 0.86650 * b3 + white * 0.3104856;
                b4 = 0.55000 * b4 + white * 0.5329522;
                b5 = -0.7616 * b5 - white * 0.0168980;
                out[i * channels + c] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
                b6 = white * 0.115926;
            }
        }
        return faded(scaleToRms(out, dbfs), rate, channels);
    }

    public static double[] scaleToRms(double[] signal, double dbfs) {
        double sum = 0;
        for (double v : signal) {
            sum += v * v;
        }
        double gain = dbToLinear(dbfs) / Math.sqrt(sum / signal.length);
        for (int i = 0; i < signal.length; i++) {
            signal[i] *= gain;
        }
        return signal;
    }

    /** Concatenates interleaved signals of the same channel count. */
    public static double[] concat(double[]... parts) {
        int length = 0;
        for (double[] p : parts) {
            length += p.length;
        }
        double[] out = new double[length];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Element-wise sum of two interleaved signals of the same length. */
    public static double[] mix(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /**
     * Music-like material with occasional sharp peaks: a chord of three tones under a slow swell,
     * with a little pink noise, and a drum hit (a decaying noise burst) every 0.7 s standing about
     * 10 dB above the body. Its true peak is about 14 dB above its integrated loudness, so
     * normalizing it loud needs the limiter, but only on the hits.
     */
    public static double[] crestyProgramme(int rate, int channels, double seconds, long seed) {
        double[] body = pinkNoise(rate, channels, seconds, -45, seed);
        int frames = body.length / channels;
        double[] chord = {220.0, 277.18, 329.63};
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            double swell = 0.75 + 0.25 * Math.sin(2 * Math.PI * 0.2 * t);
            double v = 0;
            for (double hz : chord) {
                v += Math.sin(2 * Math.PI * hz * t);
            }
            v *= 0.03 * swell;
            for (int c = 0; c < channels; c++) {
                body[i * channels + c] += v;
            }
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed + 1);
        int period = (int) (0.7 * rate);
        for (int start = period / 2; start < frames; start += period) {
            for (int j = 0; j < rate / 20 && start + j < frames; j++) {
                double hit = 0.12 * Math.exp(-j / (0.008 * rate)) * (2 * random.nextDouble() - 1);
                for (int c = 0; c < channels; c++) {
                    body[(start + j) * channels + c] += hit;
                }
            }
        }
        return faded(body, rate, channels);
    }

    /** Writes {@code interleaved} to {@code file} in {@code format}, rounding to the format's grid. */
    public static Path write(Path file, WavFormat format, double[] interleaved) throws IOException {
        try (WavWriter writer = WavWriter.create(file, format)) {
            writer.write(interleaved, interleaved.length / format.channels());
        }
        return file;
    }
}
