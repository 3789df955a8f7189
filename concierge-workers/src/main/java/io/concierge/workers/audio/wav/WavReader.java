package io.concierge.workers.audio.wav;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a WAV file's audio block by block as interleaved doubles in [-1, 1), so that files of
 * any length are processed in constant memory.
 *
 * <pre>{@code
 * try (WavReader reader = WavReader.open(path)) {
 *     double[] block = new double[4096 * reader.info().format().channels()];
 *     int frames;
 *     while ((frames = reader.read(block, 4096)) > 0) {
 *         // use block[0 .. frames * channels)
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe; open one reader per pass.
 */
public final class WavReader implements Closeable {

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final double SCALE_16 = 1.0 / 32768.0;
    private static final double SCALE_24 = 1.0 / 8388608.0;
    private static final double SCALE_32 = 1.0 / 2147483648.0;

    private final FileChannel channel;
    private final WavInfo info;
    private final int blockAlign;
    private byte[] bytes = new byte[0];
    private long framesRead;

    private WavReader(FileChannel channel, WavInfo info) {
        this.channel = channel;
        this.info = info;
        this.blockAlign = info.format().blockAlign();
    }

    /** Reads only the header of {@code path}: format, data position and length. */
    public static WavInfo probe(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return new WavHeaderParser(channel).parse();
        }
    }

    /** Opens {@code path} and positions the reader at its first frame. */
    public static WavReader open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            WavInfo info = new WavHeaderParser(channel).parse();
            channel.position(info.dataOffset());
            return new WavReader(channel, info);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The file's format and length. */
    public WavInfo info() {
        return info;
    }

    /** Frames delivered so far. */
    public long framesRead() {
        return framesRead;
    }

    /**
     * Reads up to {@code maxFrames} frames into {@code interleaved} (channel samples next to each
     * other, frame after frame) and returns how many were read: 0 at the end of the audio.
     */
    public int read(double[] interleaved, int maxFrames) throws IOException {
        int channels = info.format().channels();
        if (interleaved.length < (long) maxFrames * channels) {
            throw new IllegalArgumentException("buffer holds fewer than " + maxFrames + " frames");
        }
        int frames = (int) Math.min(maxFrames, info.frameCount() - framesRead);
        if (frames <= 0) {
            return 0;
        }
        int length = frames * blockAlign;
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new InvalidWavException("ended early: the file shrank while it was being read");
            }
        }
        decode(bytes, interleaved, frames * channels);
        framesRead += frames;
        return frames;
    }

    private void decode(byte[] in, double[] out, int samples) {
        WavFormat format = info.format();
        if (format.isFloat()) {
            for (int i = 0; i < samples; i++) {
                out[i] = (float) FLOAT_LE.get(in, i << 2);
            }
            return;
        }
        switch (format.bitsPerSample()) {
            case 16:
                for (int i = 0; i < samples; i++) {
                    out[i] = (short) SHORT_LE.get(in, i << 1) * SCALE_16;
                }
                break;
            case 24:
                for (int i = 0, b = 0; i < samples; i++, b += 3) {
                    // The top byte keeps its sign; the lower two are unsigned.
                    int v = (in[b] & 0xFF) | (in[b + 1] & 0xFF) << 8 | in[b + 2] << 16;
                    out[i] = v * SCALE_24;
                }
                break;
            case 32:
                for (int i = 0; i < samples; i++) {
                    out[i] = (int) INT_LE.get(in, i << 2) * SCALE_32;
                }
                break;
            default:
                throw new IllegalStateException("unsupported bits " + format.bitsPerSample());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
