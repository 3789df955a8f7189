package io.concierge.workers.audio.encode;

/**
 * How to encode.
 *
 * @param format      output format
 * @param vbr         variable bit rate (quality driven) rather than constant/nominal bit rate
 * @param bitrateKbps bit rate for CBR MP3 and nominal bit rate for Ogg Vorbis, kbit/s
 * @param quality     0 (best) to 9 (smallest): the VBR level in VBR mode; for CBR MP3 the
 *                    encoder's search effort
 */
public record EncodeSettings(EncodeFormat format, boolean vbr, int bitrateKbps, int quality) {

    /** Default bit rate, kbit/s. */
    public static final int DEFAULT_BITRATE_KBPS = 192;
    /** Default quality. */
    public static final int DEFAULT_QUALITY = 2;

    /**
     * Ogg Vorbis quality ({@code -q:a}, -1..10, higher is better) matching LAME's VBR level:
     * V0 (about 245 kbit/s) is q8, V2 (about 190) is q6, V9 (about 65) is q-1.
     */
    public int vorbisQuality() {
        return 8 - quality;
    }
}
