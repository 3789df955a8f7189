package io.concierge.workers.audio.wav;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Locale;

/**
 * Walks the RIFF chunks of a WAV file to find its {@code fmt } and {@code data} chunks. Unknown
 * chunks ({@code LIST}, {@code bext}, {@code JUNK}, ...) are skipped, odd-sized chunks are followed
 * by their pad byte, and every size is checked against the file's length so that a truncated or
 * garbage file fails with a clear message instead of an exception deep inside the decoder.
 */
final class WavHeaderParser {

    private static final int FORMAT_PCM = 0x0001;
    private static final int FORMAT_IEEE_FLOAT = 0x0003;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_* GUIDs; bytes 0..1 carry the format tag. */
    private static final byte[] SUBTYPE_GUID_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private final FileChannel channel;
    private final long fileSize;

    WavHeaderParser(FileChannel channel) throws IOException {
        this.channel = channel;
        this.fileSize = channel.size();
    }

    WavInfo parse() throws IOException {
        if (fileSize < 12) {
            throw new InvalidWavException("is too short to be a WAV file (" + fileSize + " bytes)");
        }
        ByteBuffer riff = read(0, 12);
        String magic = fourCc(riff, 0);
        switch (magic) {
            case "RIFF":
                break;
            case "RF64":
            case "BW64":
                throw new InvalidWavException("is an RF64/BW64 file (WAV over 4 GB), which is not supported");
            case "RIFX":
                throw new InvalidWavException("is a big-endian RIFX file, which is not supported");
            default:
                throw new InvalidWavException("is not a WAV file (it does not start with a RIFF header)");
        }
        if (!"WAVE".equals(fourCc(riff, 8))) {
            throw new InvalidWavException("is a RIFF file but not WAVE audio (form type '" + printable(fourCc(riff, 8)) + "')");
        }

        WavFormat format = null;
        long position = 12;
        while (true) {
            if (position + 8 > fileSize) {
                throw new InvalidWavException(format == null
                        ? "is truncated: no fmt chunk before the end of the file"
                        : "is truncated: no data chunk before the end of the file");
            }
            ByteBuffer header = read(position, 8);
            String id = fourCc(header, 0);
            long size = Integer.toUnsignedLong(header.getInt(4));
            long body = position + 8;
            if ("fmt ".equals(id)) {
                if (body + size > fileSize) {
                    throw new InvalidWavException("is truncated inside its fmt chunk");
                }
                format = parseFormat(read(body, (int) Math.min(size, 64)), size);
            } else if ("data".equals(id)) {
                if (format == null) {
                    throw new InvalidWavException("has its data chunk before the fmt chunk");
                }
                return dataInfo(format, body, size);
            } else if (!isChunkId(id)) {
                throw new InvalidWavException("is corrupt: garbage where a chunk header should be at byte " + position);
            }
            // RIFF chunks are word aligned: an odd-sized chunk is followed by one pad byte.
            position = body + size + (size & 1);
        }
    }

    private WavInfo dataInfo(WavFormat format, long body, long size) throws InvalidWavException {
        long available = fileSize - body;
        if (size > available) {
            throw new InvalidWavException("is truncated: its data chunk declares " + size + " bytes but only "
                    + available + " remain in the file");
        }
        long frames = size / format.blockAlign();
        if (frames == 0) {
            throw new InvalidWavException("contains no audio (its data chunk is empty)");
        }
        return new WavInfo(format, body, frames);
    }

    private static WavFormat parseFormat(ByteBuffer fmt, long size) throws InvalidWavException {
        if (size < 16) {
            throw new InvalidWavException("has a malformed fmt chunk (" + size + " bytes, at least 16 expected)");
        }
        int tag = Short.toUnsignedInt(fmt.getShort(0));
        int channels = Short.toUnsignedInt(fmt.getShort(2));
        long sampleRate = Integer.toUnsignedLong(fmt.getInt(4));
        int blockAlign = Short.toUnsignedInt(fmt.getShort(12));
        int bits = Short.toUnsignedInt(fmt.getShort(14));
        boolean extensible = tag == FORMAT_EXTENSIBLE;
        int channelMask = 0;
        if (extensible) {
            if (size < 40 || Short.toUnsignedInt(fmt.getShort(16)) < 22) {
                throw new InvalidWavException("has a malformed WAVE_FORMAT_EXTENSIBLE fmt chunk (too short)");
            }
            channelMask = fmt.getInt(20);
            tag = Short.toUnsignedInt(fmt.getShort(24));
            for (int i = 0; i < SUBTYPE_GUID_TAIL.length; i++) {
                if (fmt.get(26 + i) != SUBTYPE_GUID_TAIL[i]) {
                    throw new InvalidWavException("uses an unknown WAVE_FORMAT_EXTENSIBLE sub-format; "
                            + SUPPORTED);
                }
            }
        }
        SampleEncoding encoding;
        if (tag == FORMAT_PCM) {
            encoding = SampleEncoding.PCM_INTEGER;
        } else if (tag == FORMAT_IEEE_FLOAT) {
            encoding = SampleEncoding.IEEE_FLOAT;
        } else {
            throw new InvalidWavException("uses compressed or unknown format tag 0x"
                    + String.format(Locale.ROOT, "%04X", tag) + "; " + SUPPORTED);
        }
        if (channels == 0 || channels > WavFormat.MAX_CHANNELS) {
            throw new InvalidWavException("declares " + channels + " channels (1.." + WavFormat.MAX_CHANNELS + " supported)");
        }
        if (sampleRate < WavFormat.MIN_SAMPLE_RATE || sampleRate > WavFormat.MAX_SAMPLE_RATE) {
            throw new InvalidWavException("has sample rate " + sampleRate + " Hz (" + WavFormat.MIN_SAMPLE_RATE + ".."
                    + WavFormat.MAX_SAMPLE_RATE + " Hz supported)");
        }
        boolean bitsOk = encoding == SampleEncoding.IEEE_FLOAT ? bits == 32 : bits == 16 || bits == 24 || bits == 32;
        if (!bitsOk) {
            String what = bits + "-bit " + (encoding == SampleEncoding.IEEE_FLOAT ? "float" : "PCM");
            throw new InvalidWavException("is " + what + ", which is not supported; " + SUPPORTED
                    + " (convert with e.g. 'ffmpeg -i in.wav -c:a pcm_s24le out.wav')");
        }
        if (blockAlign != channels * (bits / 8)) {
            throw new InvalidWavException("has an inconsistent fmt chunk (block align " + blockAlign + " for "
                    + channels + " channels of " + bits + " bits)");
        }
        return new WavFormat(encoding, channels, (int) sampleRate, bits, extensible, channelMask);
    }

    private static final String SUPPORTED = "supported are 16/24/32-bit integer PCM and 32-bit float";

    private ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new InvalidWavException("is truncated at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static String fourCc(ByteBuffer buffer, int offset) {
        char[] chars = new char[4];
        for (int i = 0; i < 4; i++) {
            chars[i] = (char) (buffer.get(offset + i) & 0xFF);
        }
        return new String(chars);
    }

    /** Chunk ids are four printable ASCII characters; anything else means we are reading garbage. */
    private static boolean isChunkId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        return isChunkId(s) ? s : "?";
    }
}
