package io.concierge.workers.audio.loudness;

/**
 * The two filter stages of BS.1770's K-weighting, designed for any sample rate.
 *
 * <p>BS.1770 publishes coefficients for 48 kHz only. Like libebur128, we use the analog prototype
 * those coefficients come from (a high shelf of about +4 dB at 1.68 kHz and a second-order high
 * pass at 38 Hz) and map it to the file's rate with the bilinear transform with pre-warping
 * ({@code K = tan(pi f0 / fs)}). At 48 kHz this reproduces the published table to 1e-12; at other
 * rates it is the same filter, rather than the 48 kHz filter run at the wrong speed.
 */
public final class KWeighting {

    // Analog prototype parameters fitted to the BS.1770 48 kHz table (as derived in libebur128).
    private static final double SHELF_F0 = 1681.974450955533;
    private static final double SHELF_GAIN_DB = 3.999843853973347;
    private static final double SHELF_Q = 0.7071752369554196;
    private static final double SHELF_VB_EXPONENT = 0.4996667741545416;
    private static final double HIGHPASS_F0 = 38.13547087602444;
    private static final double HIGHPASS_Q = 0.5003270373238773;

    private KWeighting() {
    }

    /** Stage 1: the head-related high shelf. */
    public static BiquadCoefficients shelf(double sampleRate) {
        double k = Math.tan(Math.PI * SHELF_F0 / sampleRate);
        double vh = Math.pow(10.0, SHELF_GAIN_DB / 20.0);
        double vb = Math.pow(vh, SHELF_VB_EXPONENT);
        double a0 = 1.0 + k / SHELF_Q + k * k;
        return new BiquadCoefficients(
                (vh + vb * k / SHELF_Q + k * k) / a0,
                2.0 * (k * k - vh) / a0,
                (vh - vb * k / SHELF_Q + k * k) / a0,
                2.0 * (k * k - 1.0) / a0,
                (1.0 - k / SHELF_Q + k * k) / a0);
    }

    /**
     * Stage 2: the RLB high pass. Its numerator is {1, -2, 1} unnormalized, exactly as in the
     * standard's table; the -0.691 dB constant of the loudness formula accounts for that gain.
     */
    public static BiquadCoefficients highPass(double sampleRate) {
        double k = Math.tan(Math.PI * HIGHPASS_F0 / sampleRate);
        double a0 = 1.0 + k / HIGHPASS_Q + k * k;
        return new BiquadCoefficients(1.0, -2.0, 1.0,
                2.0 * (k * k - 1.0) / a0,
                (1.0 - k / HIGHPASS_Q + k * k) / a0);
    }
}
