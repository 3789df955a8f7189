package io.concierge.benchmarks;

import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes deterministic stereo test programmes of any length, block by block:
 * <ul>
 *   <li>{@code music}: a three-tone chord under a slow swell, pink noise, and a drum hit every
 *       0.7 s, with the level stepping between sections every 20 s (so loudness range is not 0);</li>
 *   <li>{@code sine}: a 997 Hz sine at -6 dBFS, the worst case for the true-peak meter, which
 *       cannot skip any part of a signal whose every cycle reaches the peak.</li>
 * </ul>
 */
public final class TestProgramme {

    private static final int BLOCK = 48_000;

    private final String kind;

    /** A generator of {@code kind} {@code music} or {@code sine}. */
    public TestProgramme(String kind) {
        if (!kind.equals("music") && !kind.equals("sine")) {
            throw new IllegalArgumentException("programme must be music or sine, got " + kind);
        }
        this.kind = kind;
    }

    /** Writes {@code seconds} of the programme as a stereo 16-bit WAV at {@code rate}. */
    public void write(Path file, int rate, double seconds) throws IOException {
        long frames = Math.round(seconds * rate);
        SplittableRandom random = new SplittableRandom(20_240_601L);
        double[] pink = new double[7];
        double[] block = new double[BLOCK * 2];
        try (WavWriter writer = WavWriter.create(file, WavFormat.pcm(2, rate, 16))) {
            for (long start = 0; start < frames; start += BLOCK) {
                int n = (int) Math.min(BLOCK, frames - start);
                for (int i = 0; i < n; i++) {
                    double t = (double) (start + i) / rate;
                    double v = kind.equals("sine") ? 0.5 * Math.sin(2 * Math.PI * 997 * t) : music(t, rate, random, pink);
                    block[2 * i] = v;
                    block[2 * i + 1] = kind.equals("sine") ? v : 0.9 * v + 0.1 * pinkSample(random, pink);
                }
                writer.write(block, n);
            }
        }
    }

    private static double music(double t, int rate, SplittableRandom random, double[] pink) {
        double section = 0.5 + 0.5 * ((int) (t / 20) % 3) / 2.0;
        double swell = 0.75 + 0.25 * Math.sin(2 * Math.PI * 0.2 * t);
        double chord = Math.sin(2 * Math.PI * 220 * t) + Math.sin(2 * Math.PI * 277.18 * t)
                + Math.sin(2 * Math.PI * 329.63 * t);
        double sinceHit = t % 0.7;
        double hit = sinceHit < 0.05 ? 0.25 * Math.exp(-sinceHit / 0.008) * (2 * random.nextDouble() - 1) : 0.0;
        return section * (0.06 * swell * chord + 0.05 * pinkSample(random, pink) + hit);
    }

    /** Paul Kellet's pink noise filter; {@code b} holds its seven states. */
    private static double pinkSample(SplittableRandom random, double[] b) {
        double white = 2 * random.nextDouble() - 1;
        b[0] = 0.99886 * b[0] + white * 0.0555179;
        b[1] = 0.99332 * b[1] + white * 0.0750759;
        b[2] = 0.96900 * b[2] + white * 0.1538520;
        b[3] = 0.86650 * b[3] + white * 0.3104856;
        b[4] = 0.55000 * b[4] + white * 0.5329522;
        b[5] = -0.7616 * b[5] - white * 0.0168980;
        double out = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + white * 0.5362;
        b[6] = white * 0.115926;
        return out * 0.11;
    }

    /**
     * Writes a programme: {@code TestProgramme <file.wav> [music|sine] [seconds]} (defaults: music, 600).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: TestProgramme <file.wav> [music|sine] [seconds]");
        }
        String kind = args.length > 1 ? args[1] : "music";
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 600;
        new TestProgramme(kind).write(Path.of(args[0]), 48_000, seconds);
        System.out.printf(Locale.ROOT, "wrote %.0f s of %s to %s%n", seconds, kind, args[0]);
    }
}
