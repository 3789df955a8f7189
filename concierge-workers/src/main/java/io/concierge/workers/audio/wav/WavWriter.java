package io.concierge.workers.audio.wav;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes interleaved double samples to a new WAV file in a given format, block by block. Sizes in
 * the header are filled in by {@link #close()}. Integer samples are rounded and saturated, never
 * wrapped; use a {@link SampleQuantizer} first to control rounding and dither.
 *
 * <p>Float output gets a {@code fact} chunk and extensible output a full
 * {@code WAVE_FORMAT_EXTENSIBLE} header with the channel mask, as the RIFF spec asks.
 */
public final class WavWriter implements Closeable {

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 128;

    private final FileChannel channel;
    private final WavFormat format;
    private final long riffSizeOffset = 4;
    private final long factOffset;
    private final long dataSizeOffset;
    private byte[] bytes = new byte[0];
    private long frames;
    private boolean closed;

    private WavWriter(FileChannel channel, WavFormat format, long factOffset, long dataSizeOffset) {
        this.channel = channel;
        this.format = format;
        this.factOffset = factOffset;
        this.dataSizeOffset = dataSizeOffset;
    }

    /** Creates (or replaces) {@code path} and writes a header for {@code format}. */
    public static WavWriter create(Path path, WavFormat format) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            ByteBuffer header = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
            header.put(ascii("RIFF")).putInt(0).put(ascii("WAVE"));
            int tag = format.isFloat() ? 3 : 1;
            header.put(ascii("fmt "));
            if (format.extensible()) {
                header.putInt(40).putShort((short) 0xFFFE);
            } else {
                header.putInt(format.isFloat() ? 18 : 16).putShort((short) tag);
            }
            header.putShort((short) format.channels())
                    .putInt(format.sampleRate())
                    .putInt(format.sampleRate() * format.blockAlign())
                    .putShort((short) format.blockAlign())
                    .putShort((short) format.bitsPerSample());
            if (format.extensible()) {
                header.putShort((short) 22).putShort((short) format.bitsPerSample()).putInt(format.channelMask())
                        .putShort((short) tag)
                        .put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
                            (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
            } else if (format.isFloat()) {
                header.putShort((short) 0);
            }
            long factOffset = -1;
            if (format.isFloat()) {
                header.put(ascii("fact")).putInt(4);
                factOffset = header.position();
                header.putInt(0);
            }
            header.put(ascii("data"));
            long dataSizeOffset = header.position();
            header.putInt(0);
            header.flip();
            writeFully(channel, header, 0);
            channel.position(header.limit());
            return new WavWriter(channel, format, factOffset, dataSizeOffset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Writes a whole signal held in memory as a new WAV file: the quickstart's sample episode, a
     * test's generated input.
     *
     * <pre>{@code
     * WavWriter.write(Path.of("episode.wav"), WavFormat.pcm(2, 48_000, 16), new double[][] {left, right});
     * }</pre>
     *
     * @param path     the file, created or replaced
     * @param format   the file's format; its channel count must match {@code channels}
     * @param channels {@code channels[c][frame]}, full scale at +/-1 (integer formats saturate beyond)
     * @return the size of the file written, in bytes
     */
    public static long write(Path path, WavFormat format, double[][] channels) throws IOException {
        if (channels.length != format.channels()) {
            throw new IllegalArgumentException("format has " + format.channels() + " channels, signal has " + channels.length);
        }
        int frames = channels.length == 0 ? 0 : channels[0].length;
        for (double[] channel : channels) {
            if (channel.length != frames) {
                throw new IllegalArgumentException("channels differ in length");
            }
        }
        int blockFrames = 8192;
        double[] block = new double[blockFrames * channels.length];
        try (WavWriter writer = create(path, format)) {
            for (int start = 0; start < frames; start += blockFrames) {
                int count = Math.min(blockFrames, frames - start);
                for (int i = 0; i < count; i++) {
                    for (int c = 0; c < channels.length; c++) {
                        block[i * channels.length + c] = channels[c][start + i];
                    }
                }
                writer.write(block, count);
            }
        }
        return Files.size(path);
    }

    /** Appends {@code count} frames from {@code interleaved}. */
    public void write(double[] interleaved, int count) throws IOException {
        int samples = count * format.channels();
        int length = count * format.blockAlign();
        if ((frames + count) * format.blockAlign() > MAX_DATA_BYTES) {
            throw new IOException("output would exceed the 4 GB limit of a WAV file");
        }
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        encode(interleaved, samples);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        frames += count;
    }

    private void encode(double[] in, int samples) {
        if (format.isFloat()) {
            for (int i = 0; i < samples; i++) {
                FLOAT_LE.set(bytes, i << 2, (float) in[i]);
            }
            return;
        }
        switch (format.bitsPerSample()) {
            case 16:
                for (int i = 0; i < samples; i++) {
                    SHORT_LE.set(bytes, i << 1, (short) toInt(in[i], 32768.0, -32768, 32767));
                }
                break;
            case 24:
                for (int i = 0, b = 0; i < samples; i++, b += 3) {
                    int v = toInt(in[i], 8388608.0, -8388608, 8388607);
                    bytes[b] = (byte) v;
                    bytes[b + 1] = (byte) (v >> 8);
                    bytes[b + 2] = (byte) (v >> 16);
                }
                break;
            case 32:
                for (int i = 0; i < samples; i++) {
                    INT_LE.set(bytes, i << 2, toInt(in[i], 2147483648.0, Integer.MIN_VALUE, Integer.MAX_VALUE));
                }
                break;
            default:
                throw new IllegalStateException("unsupported bits " + format.bitsPerSample());
        }
    }

    /** Rounds and saturates; NaN becomes 0 rather than an arbitrary bit pattern. */
    private static int toInt(double sample, double scale, int min, int max) {
        double v = Math.rint(sample * scale);
        if (v >= max) {
            return max;
        }
        if (v <= min) {
            return min;
        }
        return (int) v;
    }

    /** Pads the data chunk to an even length and fills in the header sizes. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            long dataBytes = frames * format.blockAlign();
            if ((dataBytes & 1) == 1) {
                writeFully(channel, ByteBuffer.wrap(new byte[1]), channel.position());
            }
            long fileSize = channel.size();
            putUnsignedInt(riffSizeOffset, fileSize - 8);
            putUnsignedInt(dataSizeOffset, dataBytes);
            if (factOffset >= 0) {
                putUnsignedInt(factOffset, frames);
            }
        }
    }

    private void putUnsignedInt(long position, long value) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).flip();
        writeFully(channel, buffer, position);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long p = position;
        while (buffer.hasRemaining()) {
            p += channel.write(buffer, p);
        }
    }

    private static byte[] ascii(String fourCc) {
        return fourCc.getBytes(StandardCharsets.US_ASCII);
    }
}
