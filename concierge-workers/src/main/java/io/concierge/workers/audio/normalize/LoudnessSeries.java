package io.concierge.workers.audio.normalize;

import io.concierge.workers.audio.loudness.LoudnessTimeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Loudness over time of a normalization's input and output, as its report keeps it for charts
 * and scripts: one point per interval, at most {@link #MAX_POINTS} of them.
 *
 * <p>The meters read every 100 ms. A file longer than {@code MAX_POINTS} such steps (3 min 20 s)
 * is downsampled: each point then covers several steps and holds the highest reading among them
 * (the loudest a meter showed during that interval, so that no peak disappears from a chart), and
 * {@code downsampled} says so. Point {@code i} covers {@code [i, i + 1) * interval_seconds}.
 *
 * <pre>{@code
 * jq '.series.output.short_term_lufs | map(select(. != null)) | max' episode-loudness.json
 * }</pre>
 *
 * @param intervalSeconds       seconds per point
 * @param sourceIntervalSeconds seconds per meter reading (100 ms)
 * @param points                number of points in every array
 * @param downsampled           whether points combine several readings
 * @param reduction             how several readings became one point, in words
 * @param input                 the input's curves
 * @param output                the written output's curves
 * @param limiterReductionDb    largest limiter gain reduction within each point, dB (0 where it
 *                              did not act, and everywhere when it was not needed)
 */
public record LoudnessSeries(double intervalSeconds, double sourceIntervalSeconds, int points, boolean downsampled,
                             String reduction, Curves input, Curves output, List<Double> limiterReductionDb) {

    /** Most points a series keeps: enough for a chart as wide as a screen, and a report that stays small. */
    public static final int MAX_POINTS = 2000;

    /**
     * The curves of one file. {@code null} stands for no reading: a momentary value needs 400 ms
     * of audio, a short-term one 3 s, and digital silence has no loudness.
     *
     * @param momentaryLufs    momentary loudness (400 ms window), LUFS, 0.1 LU steps
     * @param shortTermLufs    short-term loudness (3 s window), LUFS, 0.1 LU steps
     * @param truePeakDbtp     largest true peak within the interval, dBTP, 0.1 dB steps
     * @param relativeGateLufs the relative gate of the integrated loudness
     * @param gated            intervals {@code [from, to]} in seconds whose 400 ms blocks all fell
     *                         below the gate and did not count towards the integrated loudness
     */
    public record Curves(List<Double> momentaryLufs, List<Double> shortTermLufs, List<Double> truePeakDbtp,
                         double relativeGateLufs, List<List<Double>> gated) {
    }

    /**
     * The series of an input alone, as a plan's preview shows it before anything was written:
     * {@code output} is null and the limiter's reduction all zeros.
     */
    public static LoudnessSeries ofInput(LoudnessTimeline input, int maxPoints) {
        LoudnessSeries both = of(input, input, new double[0], maxPoints);
        return new LoudnessSeries(both.intervalSeconds(), both.sourceIntervalSeconds(), both.points(),
                both.downsampled(), both.reduction(), both.input(), null, both.limiterReductionDb());
    }

    /**
     * The series of {@code input} and {@code output}, with the limiter's gain per step
     * ({@code limiterGain}, empty when it did not run), downsampled to at most {@code maxPoints}.
     */
    public static LoudnessSeries of(LoudnessTimeline input, LoudnessTimeline output, double[] limiterGain, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be positive, got " + maxPoints);
        }
        int steps = Math.max(input.steps(), output.steps());
        int per = Math.max(1, (steps + maxPoints - 1) / maxPoints);
        int points = (steps + per - 1) / per;
        double interval = per * input.stepSeconds();
        List<Double> reduction = new ArrayList<>(points);
        for (int p = 0; p < points; p++) {
            double smallest = 1.0;
            for (int i = p * per; i < Math.min(limiterGain.length, (p + 1) * per); i++) {
                smallest = Math.min(smallest, limiterGain[i]);
            }
            // 0.0 rather than -0.0 where the limiter left the audio alone
            reduction.add(smallest >= 1.0 ? 0.0 : tenth(-20.0 * Math.log10(smallest)));
        }
        return new LoudnessSeries(round(interval), round(input.stepSeconds()), points, per > 1,
                per > 1 ? "each point is the highest reading of the " + per + " meter readings (every "
                        + round(input.stepSeconds()) + " s) within its interval"
                        : "one point per meter reading",
                curves(input, per, points), curves(output, per, points), reduction);
    }

    private static Curves curves(LoudnessTimeline t, int per, int points) {
        List<Double> momentary = new ArrayList<>(points);
        List<Double> shortTerm = new ArrayList<>(points);
        List<Double> peaks = new ArrayList<>(points);
        List<List<Double>> gated = new ArrayList<>();
        double gatedFrom = Double.NaN;
        double[] truePeakDb = new double[t.truePeak().length];
        for (int i = 0; i < truePeakDb.length; i++) {
            truePeakDb[i] = 20.0 * Math.log10(t.truePeak()[i]);
        }
        for (int p = 0; p < points; p++) {
            int from = p * per;
            int to = Math.min(t.steps(), from + per);
            momentary.add(highest(t.momentaryLufs(), from, to));
            shortTerm.add(highest(t.shortTermLufs(), from, to));
            peaks.add(highest(truePeakDb, from, Math.min(to, truePeakDb.length)));
            boolean read = false;
            boolean allGated = true;
            for (int i = from; i < to; i++) {
                if (!Double.isNaN(t.momentaryLufs()[i])) {
                    read = true;
                    allGated &= t.gated(i);
                }
            }
            boolean gatedPoint = read && allGated;
            double start = p * per * t.stepSeconds();
            if (gatedPoint && Double.isNaN(gatedFrom)) {
                gatedFrom = start;
            } else if (!gatedPoint && !Double.isNaN(gatedFrom)) {
                gated.add(List.of(round(gatedFrom), round(start)));
                gatedFrom = Double.NaN;
            }
        }
        if (!Double.isNaN(gatedFrom)) {
            gated.add(List.of(round(gatedFrom), round(t.steps() * t.stepSeconds())));
        }
        return new Curves(momentary, shortTerm, peaks, round(t.relativeGateLufs()), gated);
    }

    /** The highest finite reading in {@code [from, to)} to 0.1 dB, or null when there is none. */
    private static Double highest(double[] values, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            if (values[i] > max) {
                max = values[i];
            }
        }
        return Double.isFinite(max) ? tenth(max) : null;
    }

    private static double tenth(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
