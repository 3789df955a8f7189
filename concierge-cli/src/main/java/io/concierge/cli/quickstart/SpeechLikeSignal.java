package io.concierge.cli.quickstart;

import java.util.Random;

/**
 * A synthetic stand-in for a spoken podcast: a voiced tone (a gliding fundamental with
 * harmonics) shaped into syllables and phrases by amplitude modulation, with a little noise.
 * It has what loudness normalization cares about, gaps and all, and is the same on every run.
 */
public final class SpeechLikeSignal {
    private static final double SYLLABLES_PER_SECOND = 4.0;
    private static final double PHRASE_SECONDS = 2.5;
    private static final double PAUSE_SECONDS = 0.4;

    private SpeechLikeSignal() {
    }

    /**
     * Generates the signal.
     *
     * @param seconds    length
     * @param sampleRate frames per second
     * @param channels   how many channels (each with its own noise)
     * @param rmsDbfs    the level of the whole signal as RMS in dBFS; -29 dBFS reads about
     *                   -26 LUFS, well below a podcast's usual -16 to -14
     * @param seed       the noise seed
     * @return {@code samples[channel][frame]}
     */
    public static double[][] generate(double seconds, int sampleRate, int channels, double rmsDbfs, long seed) {
        int frames = (int) Math.round(seconds * sampleRate);
        double[] voice = new double[frames];
        double phase = 0;
        for (int i = 0; i < frames; i++) {
            double t = (double) i / sampleRate;
            // Intonation: the pitch wanders around 140 Hz like a speaking voice.
            double f0 = 140 + 18 * Math.sin(2 * Math.PI * 0.7 * t) + 6 * Math.sin(2 * Math.PI * 5.1 * t);
            phase += 2 * Math.PI * f0 / sampleRate;
            double tone = 0;
            for (int harmonic = 1; harmonic <= 8; harmonic++) {
                tone += Math.sin(harmonic * phase) / harmonic;
            }
            voice[i] = tone * syllableEnvelope(t) * phraseEnvelope(t);
        }
        Random random = new Random(seed);
        double[][] samples = new double[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                samples[c][i] = voice[i] + 0.01 * random.nextGaussian();
            }
        }
        scaleToRms(samples, Math.pow(10, rmsDbfs / 20));
        return samples;
    }

    private static double syllableEnvelope(double t) {
        double s = Math.sin(Math.PI * SYLLABLES_PER_SECOND * t);
        return 0.1 + 0.9 * s * s;
    }

    private static double phraseEnvelope(double t) {
        double inPhrase = t % (PHRASE_SECONDS + PAUSE_SECONDS);
        return inPhrase < PHRASE_SECONDS ? 1.0 : 0.02;
    }

    private static void scaleToRms(double[][] samples, double targetRms) {
        double sum = 0;
        long count = 0;
        for (double[] channel : samples) {
            for (double sample : channel) {
                sum += sample * sample;
                count++;
            }
        }
        double rms = Math.sqrt(sum / Math.max(1, count));
        if (rms == 0) {
            return;
        }
        double gain = targetRms / rms;
        for (double[] channel : samples) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] *= gain;
            }
        }
    }
}
