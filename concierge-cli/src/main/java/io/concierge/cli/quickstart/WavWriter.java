package io.concierge.cli.quickstart;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes 16-bit PCM WAV files: just enough of RIFF for the quickstart's sample episode and for
 * tests that need real audio input.
 *
 * <pre>{@code
 * new WavWriter(48_000).write(Path.of("episode.wav"), new double[][] {left, right});
 * }</pre>
 */
public final class WavWriter {
    private static final int BYTES_PER_SAMPLE = 2;
    private static final int HEADER_BYTES = 44;

    private final int sampleRate;

    /** A writer for files at {@code sampleRate} frames per second. */
    public WavWriter(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.sampleRate = sampleRate;
    }

    /**
     * Writes {@code channels[c][frame]}, each sample in -1..1 (clipped beyond), as a WAV file.
     *
     * @return the number of bytes written
     */
    public long write(Path file, double[][] channels) throws IOException {
        int channelCount = channels.length;
        if (channelCount == 0) {
            throw new IllegalArgumentException("no channels");
        }
        int frames = channels[0].length;
        for (double[] channel : channels) {
            if (channel.length != frames) {
                throw new IllegalArgumentException("channels differ in length");
            }
        }
        long dataBytes = (long) frames * channelCount * BYTES_PER_SAMPLE;
        if (dataBytes + HEADER_BYTES - 8 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("too long for a WAV file: " + frames + " frames");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header(channelCount, dataBytes));
            ByteBuffer frame = ByteBuffer.allocate(channelCount * BYTES_PER_SAMPLE).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < frames; i++) {
                frame.clear();
                for (double[] channel : channels) {
                    frame.putShort(toPcm16(channel[i]));
                }
                out.write(frame.array());
            }
        }
        return dataBytes + HEADER_BYTES;
    }

    private byte[] header(int channelCount, long dataBytes) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (dataBytes + HEADER_BYTES - 8));
        header.put(new byte[] {'W', 'A', 'V', 'E'});
        header.put(new byte[] {'f', 'm', 't', ' '}).putInt(16);
        header.putShort((short) 1); // PCM
        header.putShort((short) channelCount);
        header.putInt(sampleRate);
        header.putInt(sampleRate * channelCount * BYTES_PER_SAMPLE);
        header.putShort((short) (channelCount * BYTES_PER_SAMPLE));
        header.putShort((short) (8 * BYTES_PER_SAMPLE));
        header.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return header.array();
    }

    private static short toPcm16(double sample) {
        double clipped = Math.max(-1.0, Math.min(1.0, sample));
        // rint rounds halves to even, so that +x and -x map to mirrored codes.
        return (short) Math.rint(clipped * Short.MAX_VALUE);
    }
}
