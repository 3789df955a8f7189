package io.concierge.workers.audio.spectrum;

import io.concierge.workers.audio.wav.WavReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The average power spectrum of a WAV file (channels mixed to mono), in log-spaced bands: what an
 * encode's preview compares between input and output, so that a codec's low-pass shows.
 *
 * <p>Frames of {@value #FFT_SIZE} samples under a Hann window, their powers averaged (Welch's
 * method without overlap); a long file contributes at most {@value #MAX_FRAMES} frames, spread
 * evenly over it, so the cost stays under a second. A band's level is the mean power of its bins
 * in dB relative to a full-scale sine (a sine of amplitude {@code a} reads {@code 20 log10 a}).
 *
 * @param frequenciesHz the bands' centre frequencies (geometric mean of their edges)
 * @param levelsDb      each band's level, or negative infinity for digital silence
 * @param frames        how many frames were averaged
 */
public record AverageSpectrum(double[] frequenciesHz, double[] levelsDb, int frames) {
    /** Samples per analysis frame: 11.7 Hz per bin at 48 kHz. */
    public static final int FFT_SIZE = 4096;
    /** Most frames averaged. */
    public static final int MAX_FRAMES = 1500;
    /** Bands from {@value #LOWEST_HZ} Hz up to the Nyquist frequency. */
    public static final int BANDS = 120;
    static final double LOWEST_HZ = 20.0;

    /** Measures {@code wav}. */
    public static AverageSpectrum of(Path wav) throws IOException {
        try (WavReader reader = WavReader.open(wav)) {
            int channels = reader.info().format().channels();
            int rate = reader.info().format().sampleRate();
            long total = reader.info().frameCount() / FFT_SIZE;
            // Take every k-th frame of the file, so at most MAX_FRAMES are transformed.
            long every = Math.max(1, (total + MAX_FRAMES - 1) / MAX_FRAMES);
            double[] window = new double[FFT_SIZE];
            double windowSum = 0;
            for (int i = 0; i < FFT_SIZE; i++) {
                window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT_SIZE);
                windowSum += window[i];
            }
            Fft fft = new Fft(FFT_SIZE);
            double[] block = new double[FFT_SIZE * channels];
            double[] re = new double[FFT_SIZE];
            double[] im = new double[FFT_SIZE];
            double[] power = new double[FFT_SIZE / 2 + 1];
            int frames = 0;
            for (long f = 0; ; f++) {
                int read = reader.read(block, FFT_SIZE);
                if (read < FFT_SIZE) {
                    break;
                }
                if (f % every != 0) {
                    continue;
                }
                for (int i = 0; i < FFT_SIZE; i++) {
                    double sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += block[i * channels + c];
                    }
                    re[i] = sum / channels * window[i];
                    im[i] = 0;
                }
                fft.transform(re, im);
                for (int k = 0; k < power.length; k++) {
                    power[k] += re[k] * re[k] + im[k] * im[k];
                }
                frames++;
            }
            // A full-scale sine's peak bin is windowSum / 2 in magnitude.
            double reference = (windowSum / 2) * (windowSum / 2);
            double nyquist = rate / 2.0;
            double[] centres = new double[BANDS];
            double[] levels = new double[BANDS];
            double ratio = Math.pow(nyquist / LOWEST_HZ, 1.0 / BANDS);
            for (int b = 0; b < BANDS; b++) {
                double low = LOWEST_HZ * Math.pow(ratio, b);
                double high = low * ratio;
                centres[b] = Math.sqrt(low * high);
                int from = (int) Math.floor(low / nyquist * (power.length - 1));
                int to = Math.max(from + 1, (int) Math.ceil(high / nyquist * (power.length - 1)));
                double sum = 0;
                int n = 0;
                for (int k = from; k < Math.min(to, power.length); k++) {
                    sum += power[k];
                    n++;
                }
                double mean = frames == 0 || n == 0 ? 0 : sum / n / frames;
                levels[b] = 10 * Math.log10(mean / reference);
            }
            return new AverageSpectrum(centres, levels, frames);
        }
    }

    /**
     * The highest band where {@code output} stays within {@code dropDb} of {@code input} while the
     * input has something to keep (above {@code floorDb}): the bandwidth the encoder kept, in Hz;
     * 0 when no band qualifies.
     */
    public static double bandwidthHz(AverageSpectrum input, AverageSpectrum output, double dropDb, double floorDb) {
        double kept = 0;
        for (int b = 0; b < Math.min(input.levelsDb.length, output.levelsDb.length); b++) {
            if (input.levelsDb[b] > floorDb && output.levelsDb[b] >= input.levelsDb[b] - dropDb) {
                kept = input.frequenciesHz[b];
            }
        }
        return kept;
    }
}
