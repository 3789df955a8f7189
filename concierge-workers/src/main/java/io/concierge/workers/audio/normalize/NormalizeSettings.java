package io.concierge.workers.audio.normalize;

/**
 * What a normalization aims for.
 *
 * @param targetLufs  integrated loudness to reach, LUFS
 * @param ceilingDbtp largest true peak the output may have, dBTP
 */
public record NormalizeSettings(double targetLufs, double ceilingDbtp) {

    /** Lowest accepted target: quieter targets would push the output towards the -70 LUFS gate. */
    public static final double MIN_TARGET_LUFS = -60.0;
    /** Highest accepted target. */
    public static final double MAX_TARGET_LUFS = 0.0;
    /** Lowest accepted ceiling. */
    public static final double MIN_CEILING_DBTP = -20.0;
    /** Highest accepted ceiling: full scale, since integer WAV cannot hold more. */
    public static final double MAX_CEILING_DBTP = 0.0;

    /** Checks the ranges above. */
    public NormalizeSettings {
        if (!(targetLufs >= MIN_TARGET_LUFS && targetLufs <= MAX_TARGET_LUFS)) {
            throw new IllegalArgumentException("target loudness must be between " + MIN_TARGET_LUFS + " and "
                    + MAX_TARGET_LUFS + " LUFS, got " + targetLufs);
        }
        if (!(ceilingDbtp >= MIN_CEILING_DBTP && ceilingDbtp <= MAX_CEILING_DBTP)) {
            throw new IllegalArgumentException("true peak ceiling must be between " + MIN_CEILING_DBTP + " and "
                    + MAX_CEILING_DBTP + " dBTP, got " + ceilingDbtp);
        }
    }
}
