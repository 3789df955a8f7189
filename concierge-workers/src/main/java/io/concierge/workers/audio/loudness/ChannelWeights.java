package io.concierge.workers.audio.loudness;

/**
 * BS.1770 channel weights: 1.0 for front channels, 1.41 (+1.5 dB) for surround channels, 0 for
 * the LFE channel, which loudness ignores.
 *
 * <p>Positions come from a {@code WAVE_FORMAT_EXTENSIBLE} channel mask when the file has one;
 * otherwise from the usual default layout for the channel count (mono, stereo, 3.0, 4.0, 5.0,
 * 5.1, 6.1, 7.1; the same defaults ffmpeg assumes), so a plain 6-channel WAV is measured as 5.1
 * with its fourth channel as LFE. Mono is a single channel of weight 1, not dual mono.
 */
public final class ChannelWeights {

    private static final int LOW_FREQUENCY = 0x8;
    /** Back left/right/centre and side left/right: the surround positions of BS.1770 table 4. */
    private static final int SURROUND = 0x10 | 0x20 | 0x100 | 0x200 | 0x400;
    /** BS.1770's surround weight (+1.5 dB in power). */
    public static final double SURROUND_WEIGHT = 1.41;
    private static final int[] DEFAULT_MASKS = {
        0,
        0x4,    // mono: front centre
        0x3,    // stereo
        0x7,    // 3.0
        0x107,  // 4.0: L R C back-centre
        0x607,  // 5.0: L R C Ls Rs (side)
        0x60F,  // 5.1: L R C LFE Ls Rs
        0x70F,  // 6.1: L R C LFE Cs Ls Rs
        0x63F,  // 7.1: L R C LFE Lb Rb Ls Rs
    };

    private ChannelWeights() {
    }

    /**
     * Weights for {@code channels} channels laid out by {@code channelMask} (0 when unknown). Bits
     * of the mask are assigned to channels in increasing order, as WAV files store them; channels
     * beyond the mask's bits are unassigned (the WAV rule) and get weight 1.
     */
    public static double[] of(int channels, int channelMask) {
        int mask = channelMask;
        if (mask == 0) {
            mask = channels < DEFAULT_MASKS.length ? DEFAULT_MASKS[channels] : 0;
        }
        double[] weights = new double[channels];
        for (int c = 0; c < channels; c++) {
            int bit = Integer.lowestOneBit(mask);
            mask &= ~bit;
            if (bit == LOW_FREQUENCY) {
                weights[c] = 0.0;
            } else if ((bit & SURROUND) != 0) {
                weights[c] = SURROUND_WEIGHT;
            } else {
                weights[c] = 1.0;
            }
        }
        return weights;
    }
}
