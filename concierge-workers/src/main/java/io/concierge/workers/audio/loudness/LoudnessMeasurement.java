package io.concierge.workers.audio.loudness;

/**
 * The loudness of a piece of audio.
 *
 * @param integratedLufs    gated integrated loudness (BS.1770-4), LUFS
 * @param relativeGateLufs  the relative gate the integrated loudness used (10 LU below the
 *                          absolute-gated loudness), LUFS
 * @param loudnessRangeLu   loudness range (EBU Tech 3342), LU; 0 when the audio is shorter than
 *                          the 3 s short-term window or nothing passes the gates
 * @param truePeak          largest 4x-oversampled absolute value over all channels as a linear
 *                          amplitude (1.0 = full scale), or {@code NaN} when not measured
 * @param samplePeak        largest absolute sample over all channels as a linear amplitude, or
 *                          {@code NaN} when true peak was not measured
 * @param frames            number of frames measured
 * @param sampleRate        frames per second
 * @param timeline          momentary and short-term loudness and true peak per 100 ms step
 */
public record LoudnessMeasurement(double integratedLufs, double relativeGateLufs, double loudnessRangeLu,
                                  double truePeak, double samplePeak, long frames, int sampleRate,
                                  LoudnessTimeline timeline) {

    /** True peak in dBTP; only meaningful when the true peak was measured and is non-zero. */
    public double truePeakDbtp() {
        return 20.0 * Math.log10(truePeak);
    }

    /** Sample peak in dBFS; only meaningful when measured and non-zero. */
    public double samplePeakDbfs() {
        return 20.0 * Math.log10(samplePeak);
    }

    /** Length of the measured audio in seconds. */
    public double durationSeconds() {
        return (double) frames / sampleRate;
    }
}
